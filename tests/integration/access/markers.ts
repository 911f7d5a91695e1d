import ExcelJS from "exceljs";
import { prisma } from "../fixtures";

/**
 * What would show that a record of a scope leaked: the ids of its rows and the strings that name
 * them (ID numbers, head and enterprise names, credit codes, contract numbers, org codes, county,
 * township and bank names). Each is unique to the world's county A (names and numbers carry A's prefix 甲 or code).
 */
export type Markers = Set<string>;

type AreaWhere = { countyId?: string; townshipId?: string; villageId?: string };

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

/** The rows of an area (county, township or village) and of the loans and applications in it. */
async function areaMarkers(where: AreaWhere): Promise<string[]> {
  const [households, apps, loans, ratings, anomalies] = await Promise.all([
    prisma.household.findMany({ where, select: { id: true, headName: true, idNumber: true } }),
    prisma.application.findMany({ where, select: { id: true } }),
    prisma.loan.findMany({ where, select: { id: true, contractNumber: true } }),
    prisma.creditRating.findMany({ where, select: { id: true } }),
    prisma.anomalyReport.findMany({ where, select: { id: true } }),
  ]);
  const loanIds = ids(loans);
  const appIds = ids(apps);
  const ratingIds = ids(ratings);
  const [schedule, reminders, cases, tranches, changes, attachments, objections, ratingObjections, blacklist, clawbacks] = await Promise.all([
    prisma.scheduleItem.findMany({ where: { loanId: { in: loanIds } }, select: { id: true } }),
    prisma.reminder.findMany({ where: { loanId: { in: loanIds } }, select: { id: true } }),
    prisma.lossCase.findMany({ where: { loanId: { in: loanIds } }, select: { id: true, shares: { select: { id: true } }, recoveries: { select: { id: true } } } }),
    prisma.tranche.findMany({ where: { loanId: { in: loanIds } }, select: { id: true } }),
    prisma.loanChange.findMany({ where: { loanId: { in: loanIds } }, select: { id: true } }),
    prisma.attachment.findMany({ where: { applicationId: { in: appIds } }, select: { id: true } }),
    prisma.objection.findMany({ where: { applicationId: { in: appIds } }, select: { id: true } }),
    prisma.ratingObjection.findMany({ where: { ratingId: { in: ratingIds } }, select: { id: true } }),
    prisma.blacklistEntry.findMany({ where: { householdId: { in: ids(households) } }, select: { id: true } }),
    prisma.clawback.findMany({ where: { loanId: { in: loanIds } }, select: { id: true } }),
  ]);
  const ratingRounds = where.villageId
    ? await prisma.ratingPublicityRound.findMany({ where: { villageId: where.villageId }, select: { id: true } })
    : await prisma.ratingPublicityRound.findMany({ where: { villageId: { in: [...new Set((await prisma.creditRating.findMany({ where, select: { villageId: true } })).map((r) => r.villageId))] } }, select: { id: true } });
  return [
    ...households.flatMap((h) => [h.id, h.headName, h.idNumber]),
    ...appIds,
    ...loans.flatMap((l) => [l.id, l.contractNumber]),
    ...ratingIds,
    ...ids(anomalies),
    ...ids(schedule),
    ...ids(reminders),
    ...cases.flatMap((c) => [c.id, ...ids(c.shares), ...ids(c.recoveries)]),
    ...ids(tranches),
    ...ids(changes),
    ...ids(attachments),
    ...ids(objections),
    ...ids(ratingObjections),
    ...ids(blacklist),
    ...ids(clawbacks),
    ...ids(ratingRounds),
  ];
}

export async function villageMarkers(villageId: string): Promise<Markers> {
  return new Set(await areaMarkers({ villageId }));
}

/** A township's records, its enterprises and publicity rounds, and its own and its villages' org units. */
export async function townshipMarkers(townshipId: string): Promise<Markers> {
  const [area, enterprises, rounds, units] = await Promise.all([
    areaMarkers({ townshipId }),
    prisma.enterprise.findMany({ where: { townshipId }, select: { id: true, name: true, creditCode: true } }),
    prisma.publicityRound.findMany({ where: { OR: [{ townshipId }, { applications: { some: { townshipId } } }] }, select: { id: true } }),
    prisma.orgUnit.findMany({ where: { OR: [{ id: townshipId }, { parentId: townshipId }] }, select: { id: true, code: true, name: true, level: true } }),
  ]);
  return new Set([
    ...area,
    ...enterprises.flatMap((e) => [e.id, e.name, e.creditCode]),
    ...ids(rounds),
    // A township's name carries its county's ("甲县001乡"); a village's does not ("001乡001村" is in B too).
    ...units.flatMap((u) => [u.id, u.code, ...(u.level === "township" ? [u.name] : [])]),
  ]);
}

/** A bank's loans, batches, subsidy claims and what hangs on them (not the bank itself: banks are public in the county). */
export async function bankMarkers(bankId: string): Promise<Markers> {
  const [loans, batches, runs, repayments] = await Promise.all([
    prisma.loan.findMany({ where: { bankId }, select: { id: true, contractNumber: true } }),
    prisma.batch.findMany({ where: { bankId }, select: { id: true, applications: { select: { id: true } } } }),
    prisma.subsidyRun.findMany({ where: { bankId }, select: { id: true } }),
    prisma.repayment.findMany({ where: { bankId }, select: { id: true, reference: true } }),
  ]);
  const loanIds = ids(loans);
  const runIds = ids(runs);
  const [schedule, cases, reminders, tranches, changes, lines, statementLines, clawbacks] = await Promise.all([
    prisma.scheduleItem.findMany({ where: { loanId: { in: loanIds } }, select: { id: true } }),
    prisma.lossCase.findMany({ where: { loanId: { in: loanIds } }, select: { id: true, shares: { select: { id: true } }, recoveries: { select: { id: true } } } }),
    prisma.reminder.findMany({ where: { loanId: { in: loanIds } }, select: { id: true } }),
    prisma.tranche.findMany({ where: { loanId: { in: loanIds } }, select: { id: true } }),
    prisma.loanChange.findMany({ where: { loanId: { in: loanIds } }, select: { id: true } }),
    prisma.subsidyLine.findMany({ where: { runId: { in: runIds } }, select: { id: true } }),
    prisma.bankStatementLine.findMany({ where: { runId: { in: runIds } }, select: { id: true } }),
    prisma.clawback.findMany({ where: { loanId: { in: loanIds } }, select: { id: true } }),
  ]);
  return new Set([
    ...loans.flatMap((l) => [l.id, l.contractNumber]),
    ...batches.flatMap((b) => [b.id, ...ids(b.applications)]),
    ...runIds,
    ...ids(repayments),
    ...ids(schedule),
    ...cases.flatMap((c) => [c.id, ...ids(c.shares), ...ids(c.recoveries)]),
    ...ids(reminders),
    ...ids(tranches),
    ...ids(changes),
    ...ids(lines),
    ...ids(statementLines),
    ...ids(clawbacks),
  ]);
}

/** Everything of a county: its areas, units, staff, banks, enterprises and every county-level record. */
export async function countyMarkers(countyId: string): Promise<Markers> {
  const where = { countyId };
  const [area, units, users, banks, enterprises, batches, rounds, blacklist, sheets, profiles, days, runs, fund, evaluations, clawbacks, cases, breaker, creditAreas] = await Promise.all([
    areaMarkers(where),
    prisma.orgUnit.findMany({ where, select: { id: true, code: true, name: true, level: true } }),
    prisma.user.findMany({ where: { orgUnit: { countyId } }, select: { id: true } }),
    prisma.bank.findMany({ where, select: { id: true, name: true } }),
    prisma.enterprise.findMany({ where, select: { id: true, name: true, creditCode: true } }),
    prisma.batch.findMany({ where, select: { id: true } }),
    prisma.publicityRound.findMany({ where, select: { id: true } }),
    prisma.blacklistEntry.findMany({ where, select: { id: true } }),
    prisma.indicatorSheet.findMany({ where, select: { id: true } }),
    prisma.policyProfile.findMany({ where, select: { id: true } }),
    prisma.calendarDay.findMany({ where, select: { id: true } }),
    prisma.subsidyRun.findMany({ where, select: { id: true, lines: { select: { id: true } } } }),
    prisma.fundLedgerEntry.findMany({ where, select: { id: true } }),
    prisma.bankEvaluation.findMany({ where, select: { id: true } }),
    prisma.clawback.findMany({ where, select: { id: true } }),
    prisma.lossCase.findMany({ where, select: { id: true } }),
    prisma.breakerEvent.findMany({ where, select: { id: true } }),
    prisma.creditAreaStatus.findMany({ where, select: { id: true } }),
  ]);
  return new Set([
    ...area,
    ...units.flatMap((u) => [u.id, u.code, ...(u.level === "village" ? [] : [u.name])]),
    ...ids(users),
    ...banks.flatMap((b) => [b.id, b.name]),
    ...enterprises.flatMap((e) => [e.id, e.name, e.creditCode]),
    ...ids(batches),
    ...ids(rounds),
    ...ids(blacklist),
    ...ids(sheets),
    ...ids(profiles),
    ...ids(days),
    ...runs.flatMap((r) => [r.id, ...ids(r.lines)]),
    ...ids(fund),
    ...ids(evaluations),
    ...ids(clawbacks),
    ...ids(cases),
    ...ids(breaker),
    ...ids(creditAreas),
  ]);
}

/** Everything a value says, as text: nested objects as JSON, workbooks by their cells, other files not at all. */
export async function textOf(value: unknown): Promise<string> {
  const files: string[] = [];
  const pending: Promise<void>[] = [];
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array || (v && typeof v === "object" && (v as { type?: string }).type === "Buffer")) {
      const bytes = v instanceof Uint8Array ? v : Uint8Array.from((v as { data: number[] }).data);
      if (bytes[0] === 0x50 && bytes[1] === 0x4b) pending.push(workbookText(bytes).then((t) => void files.push(t)));
      return "[file]";
    }
    return typeof v === "bigint" ? v.toString() : v;
  });
  await Promise.all(pending);
  return [json ?? "", ...files].join("\n");
}

async function workbookText(bytes: Uint8Array): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => out.push(cell.text));
    });
  });
  return out.join("\t");
}

/** The markers found in `text`, leaving out those the caller sent itself (an import file lists A's rows). */
export function leaked(markers: Markers, text: string, sent: string): string[] {
  const found: string[] = [];
  for (const m of markers) if (text.includes(m) && !sent.includes(m)) found.push(m);
  return found;
}
