import "server-only";
import { z } from "zod";
import { publicityEndsOn } from "@/lib/domain/workflow";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { countyCalendar } from "../policy/county-calendar";
import { areaScope } from "../scope";
import { defineMutation } from "../use-case";
import { requiredText } from "../validation";
import { fireApplicationEvent } from "./fire-event";

const day = (d: string) => new Date(`${d}T00:00:00Z`);

/**
 * Opens a 公示 round over reviewed applications: the period is the profile's number of working
 * days counted from the day after opening, with the county's holiday calendar. The township runs
 * it, or the county centre where the county's profile says so.
 */
export const openPublicity = defineMutation({
  name: "publicity.open",
  roles: ["township_officer", "county_officer"],
  input: z.object({
    applicationIds: z.array(z.string().uuid()).min(1, "请至少选择一件申请").max(500, "一次最多公示 500 件"),
    objectionContact: requiredText(200, "异议受理方式"),
  }),
  async run({ actor, input, tx, audit, now }) {
    const apps = await tx.application.findMany({ where: { id: { in: input.applicationIds }, ...areaScope(actor) } });
    if (apps.length !== new Set(input.applicationIds).size) throw AppError.notFound("申请");
    const countyId = apps[0].countyId;
    const today = shanghaiToday(now);
    const profile = await activeProfile(tx, countyId, today);
    const runBy = profile.settings.process.publicityRunBy;
    if ((runBy === "township") !== (actor.role === "township_officer")) {
      throw new AppError("FORBIDDEN", runBy === "township" ? "本县由乡镇服务站组织公示。" : "本县由县级服务中心组织公示。");
    }
    const townships = new Set(apps.map((a) => a.townshipId));
    if (runBy === "township" && townships.size !== 1) throw new AppError("VALIDATION", "一轮公示只能包含同一乡镇的申请。");
    const endsOn = publicityEndsOn(today, await countyCalendar(tx, countyId), profile.settings.process.publicityWorkingDays);
    const unit = await tx.orgUnit.findUniqueOrThrow({ where: { id: actor.orgUnitId ?? "" } });
    const round = await tx.publicityRound.create({
      data: {
        countyId,
        townshipId: runBy === "township" ? apps[0].townshipId : null,
        openedById: actor.userId,
        openedOn: day(today),
        endsOn: day(endsOn),
        objectionContact: input.objectionContact,
        issuingUnit: runBy === "township" ? `${unit.name}金融扶贫服务站` : `${unit.name}金融扶贫服务中心`,
      },
    });
    for (const app of apps) {
      await fireApplicationEvent({
        tx, actor, audit, application: app, event: "startPublicity", ctx: {},
        data: { publicityRoundId: round.id }, comment: `公示期至 ${endsOn}`,
      });
    }
    await audit({ action: "publicity.open", entity: "PublicityRound", entityId: round.id, countyId, after: { ...round, applications: apps.length } });
    return { id: round.id, endsOn };
  },
});
