import "server-only";
import { now, shanghaiToday } from "../clock";
import { queryRows, statement } from "../sql";
import { runSystemTask } from "../use-case";
import { fireApplicationEvent } from "./fire-event";

const iso = (d: Date) => d.toISOString().slice(0, 10);

const DUE = `SELECT EXISTS (SELECT 1 FROM "PublicityRound" WHERE status = 'open' AND "endsOn" < $1::date`;
const ANY_DUE = statement(`${DUE}) AS any`);
const ANY_DUE_IN_COUNTY = statement(`${DUE} AND "countyId" = $2) AS any`);

/**
 * When a publicity period has ended, every application in it without an open objection passes
 * (§15.8), and a round with nothing left in publicity closes. Run on access (pages that show
 * these applications call it first) and by the daily job: no one has to press a button.
 */
export async function settleDuePublicity(countyId: string | null): Promise<number> {
  // Pages call this on every view and almost always nothing is due: one prepared look-up
  // (../sql.ts) before a transaction. A round that falls due after it is settled on the next view.
  const [due] = countyId === null ? await queryRows<{ any: boolean }>(ANY_DUE, [shanghaiToday(now())]) : await queryRows<{ any: boolean }>(ANY_DUE_IN_COUNTY, [shanghaiToday(now()), countyId]);
  if (!due?.any) return 0;
  return runSystemTask("publicity.settle", async ({ tx, audit, now }) => {
    const today = shanghaiToday(now);
    const rounds = await tx.publicityRound.findMany({
      where: { status: "open", endsOn: { lt: new Date(`${today}T00:00:00Z`) }, ...(countyId ? { countyId } : {}) },
      include: { applications: { where: { status: { in: ["inPublicity", "objection"] } } } },
    });
    let passed = 0;
    for (const round of rounds) {
      for (const app of round.applications.filter((a) => a.status === "inPublicity")) {
        const openObjections = await tx.objection.count({ where: { applicationId: app.id, status: "open" } });
        if (openObjections > 0) continue;
        await fireApplicationEvent({
          tx, actor: null, audit, application: app, event: "endPublicity",
          ctx: { role: "township_officer", today, publicityEndsOn: iso(round.endsOn), openObjections },
          comment: `公示期（至 ${iso(round.endsOn)}）届满无异议`,
        });
        passed++;
      }
      const remaining = await tx.application.count({ where: { publicityRoundId: round.id, status: { in: ["inPublicity", "objection"] } } });
      if (remaining === 0) {
        await tx.publicityRound.update({ where: { id: round.id }, data: { status: "closed", closedAt: now } });
        await audit({ action: "publicity.close", entity: "PublicityRound", entityId: round.id, countyId: round.countyId });
      }
    }
    return passed;
  });
}
