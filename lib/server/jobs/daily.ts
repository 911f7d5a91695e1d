import "server-only";
import { settleDuePublicity } from "../applications/settle-publicity";
import { settleDueRatingPublicity } from "../credit/settle-rating-publicity";
import { randomUUID } from "node:crypto";
import type { Loan, ScheduleItem } from "@/generated/prisma/client";
import type { BorrowerClass } from "@/lib/domain/reference/sharing-schemes";
import { addDays } from "@/lib/domain/calendar";
import { prisma, type Tx } from "../db";
import { defaultDates } from "../loans/default-dates";
import { day, iso, nextLoanState, REPAYING_STATES } from "../loans/loan-records";
import { lossCaseData, type LossCaseData } from "../loans/open-loss-case";
import { activeProfile } from "../policy/active-profile";
import { countyCalendar } from "../policy/county-calendar";
import { refreshBreaker } from "../risk/refresh-breaker";
import { AppError } from "../errors";
import { auditJson, writeAuditsLast, type AuditInput } from "../audit";

export type CountyRun = {
  county: string;
  skipped?: "alreadyRan" | "noProfile";
  overdueInstalments?: number;
  movedToOverdue?: number;
  movedToBuffer?: number;
  lossCasesOpened?: number;
  breakerEvents?: number;
  reminders?: number;
  problems?: string[];
};

const JOB = "daily";

/** An audit row with no actor, as writeAudit writes it, for a bulk insert. */
function auditRow(actorId: null, a: AuditInput) {
  return { actorId, actorRole: null, countyId: a.countyId ?? null, action: a.action, entity: a.entity, entityId: a.entityId, before: auditJson(a.before), after: auditJson(a.after) };
}

/** The first instalment still unpaid after its due date: the one the buffer counts from. */
function firstOverdue(schedule: ScheduleItem[], date: string): ScheduleItem | undefined {
  return schedule
    .filter((s) => s.status !== "paid" && iso(s.dueDate) < date)
    .sort((a, b) => a.seq - b.seq)[0];
}

/**
 * Like runSystemTask (one transaction, audited with no actor), with a time limit fit for a whole
 * county's loans: Prisma's default of 5 s is exceeded by a county of a few thousand loans.
 */
function countyTask<R>(run: (ctx: { tx: Tx; audit: (entry: AuditInput) => Promise<void> }) => Promise<R>): Promise<R> {
  return prisma.$transaction(
    async (tx) => {
      const entries: AuditInput[] = [];
      const result = await run({ tx, audit: async (entry) => void entries.push(entry) });
      await writeAuditsLast(tx, null, entries);
      return result;
    },
    { timeout: 15 * 60_000, maxWait: 30_000 },
  );
}

async function runCounty(countyId: string, code: string, date: string): Promise<CountyRun> {
  return countyTask(async ({ tx, audit }) => {
    // One run per county and business date: the row is written in the same transaction as the
    // work, so a failed run leaves nothing behind and a second run for the date does nothing.
    const ran = await tx.jobRun.findUnique({ where: { name_date: { name: `${JOB}:${code}`, date: day(date) } } });
    if (ran) return { county: code, skipped: "alreadyRan" as const };
    let profile;
    try {
      profile = await activeProfile(tx, countyId, date);
    } catch (error) {
      if (error instanceof AppError) return { county: code, skipped: "noProfile" as const };
      throw error;
    }
    const run = await tx.jobRun.create({ data: { name: `${JOB}:${code}`, date: day(date) } });
    const calendar = await countyCalendar(tx, countyId);
    const problems: string[] = [];

    // The county's active loans are locked first, in id order, as a repayment locks its loan
    // before its instalments: the job and a repayment never wait on each other crosswise.
    await tx.$queryRaw`SELECT id FROM "Loan" WHERE "countyId" = ${countyId} AND status::text = ANY(${[...REPAYING_STATES]}::text[]) ORDER BY id FOR UPDATE`;

    // 1. Instalments past their due date and not fully paid are overdue.
    const overdue = await tx.scheduleItem.updateMany({
      where: { dueDate: { lt: day(date) }, status: { in: ["due", "partial"] }, loan: { countyId, status: { in: [...REPAYING_STATES] } } },
      data: { status: "overdue" },
    });

    // 2. Loans with an overdue instalment: overdue, and the buffer starts the day after the due
    //    date (§15.5). 3. At the end of the buffer the loss is split.
    const loans = await tx.loan.findMany({
      where: { countyId, status: { in: [...REPAYING_STATES] }, schedule: { some: { status: "overdue" } } },
      include: { schedule: true },
      orderBy: { id: "asc" },
    });
    // Decided loan by loan, written in bulk (a county has thousands of loans): the loans are
    // locked above, so their versions are bumped without a compare-and-swap.
    let movedToOverdue = 0, movedToBuffer = 0;
    const toBuffer: string[] = [];
    const toSplit: string[] = [];
    const audits: AuditInput[] = [];
    const cases: { id: string; loan: Loan; data: LossCaseData; bufferEnds: string; splitDeadline: string }[] = [];
    const agricultural = new Map(
      (await tx.enterprise.findMany({ where: { id: { in: loans.flatMap((l) => (l.enterpriseId ? [l.enterpriseId] : [])) } }, select: { id: true, agricultural: true } }))
        .map((e) => [e.id, e.agricultural]),
    );
    for (const loan of loans) {
      const first = firstOverdue(loan.schedule, date);
      if (!first) continue;
      const from = loan.status;
      let status: string = loan.status;
      if (status === "repaying" || status === "extended" || status === "renewed") {
        status = nextLoanState(status, "markOverdue", "system");
        movedToOverdue++;
      }
      if (status === "overdue") {
        status = nextLoanState(status, "startBuffer", "system");
        movedToBuffer++;
      }
      const dates = defaultDates(profile, iso(first.dueDate), calendar);
      if (from !== status) {
        audits.push({
          action: "loan.startBuffer", entity: "Loan", entityId: loan.id, countyId,
          before: { status: from }, after: { status, overdueSince: addDays(iso(first.dueDate), 1), bufferEnds: dates?.bufferEnds ?? null, date },
        });
      }
      // Guizhou: the bank's outlet applies for compensation instead (claim chain).
      if (dates && !profile.settings.defaultHandling.claimChainEnabled && status === "inBuffer" && date > dates.bufferEnds) {
        const cls: BorrowerClass = loan.kind === "household" || !loan.enterpriseId ? "household" : agricultural.get(loan.enterpriseId) === false ? "nonagri_enterprise" : "agri_enterprise";
        const data = lossCaseData({ loan, profile, cls, interestUpTo: dates.bufferEnds });
        if ("problem" in data) problems.push(data.problem);
        else {
          const next = nextLoanState(status, "splitLoss", "system", { today: date, bufferEndsOn: dates.bufferEnds });
          cases.push({ id: randomUUID(), loan, data, bufferEnds: dates.bufferEnds, splitDeadline: dates.splitDeadline });
          audits.push({
            action: "loan.splitLoss", entity: "LossCase", entityId: cases[cases.length - 1].id, countyId,
            before: { loanStatus: status }, after: { loanId: loan.id, loanStatus: next, ...data, bufferEnds: dates.bufferEnds, splitDeadline: dates.splitDeadline },
          });
          toSplit.push(loan.id);
          continue;
        }
      }
      if (!dates) problems.push("政策参数未设置缓冲期，逾期贷款暂不计算缓冲期满日");
      if (from !== status) toBuffer.push(loan.id);
    }
    if (toBuffer.length) await tx.loan.updateMany({ where: { id: { in: toBuffer } }, data: { status: "inBuffer", version: { increment: 1 } } });
    if (toSplit.length) await tx.loan.updateMany({ where: { id: { in: toSplit } }, data: { status: "split", version: { increment: 1 } } });
    if (cases.length) {
      await tx.lossCase.createMany({
        data: cases.map((c) => {
          const { shares: _shares, ...amounts } = c.data;
          return { id: c.id, loanId: c.loan.id, countyId, ...amounts, bufferEndsOn: day(c.bufferEnds), splitDeadline: day(c.splitDeadline), profileVersion: profile.version };
        }),
      });
      await tx.lossShare.createMany({ data: cases.flatMap((c) => c.data.shares.map((s) => ({ caseId: c.id, ...s }))) });
    }
    if (audits.length) await tx.auditEvent.createMany({ data: audits.map((a) => auditRow(null, a)) });
    const lossCasesOpened = cases.length;

    // 4. The circuit breaker, with an event for each area or lender that tripped or resumed.
    const events = await refreshBreaker(tx, countyId, date, profile);

    // 5. Reminders (Dengzhou rule): notify N days before a due date, a written notice M days before.
    const { reminderDaysBeforeDue: notifyDays, writtenNoticeDaysBeforeDue: noticeDays } = profile.settings.process;
    const upcoming = await tx.scheduleItem.findMany({
      where: {
        dueDate: { gte: day(date), lte: day(addDays(date, Math.max(notifyDays, noticeDays))) },
        status: { in: ["due", "partial"] },
        loan: { countyId, status: { in: [...REPAYING_STATES] } },
      },
      select: { id: true, dueDate: true, loan: { select: { id: true, countyId: true, townshipId: true } } },
    });
    const reminders = upcoming.flatMap((s) => {
      const due = iso(s.dueDate);
      const base = { countyId: s.loan.countyId, townshipId: s.loan.townshipId, loanId: s.loan.id, scheduleItemId: s.id, dueDate: s.dueDate, raisedOn: day(date) };
      return [
        ...(due <= addDays(date, notifyDays) ? [{ ...base, kind: "notify" as const }] : []),
        ...(due <= addDays(date, noticeDays) ? [{ ...base, kind: "writtenNotice" as const }] : []),
      ];
    });
    const created = reminders.length ? await tx.reminder.createMany({ data: reminders, skipDuplicates: true }) : { count: 0 };

    const result: CountyRun = {
      county: code, overdueInstalments: overdue.count, movedToOverdue, movedToBuffer, lossCasesOpened,
      breakerEvents: events.length, reminders: created.count, problems: [...new Set(problems)],
    };
    await tx.jobRun.update({ where: { id: run.id }, data: { finishedAt: new Date(), result } });
    await audit({ action: "job.daily", entity: "JobRun", entityId: run.id, countyId, after: { date, ...result } });
    return result;
  });
}

/**
 * The daily job for business date `date` (YYYY-MM-DD, Asia/Shanghai), county by county, each
 * county in one transaction: overdue instalments, overdue → buffer, loss cases at buffer end,
 * the circuit breaker and reminders. Idempotent: a second run for the same date changes nothing.
 */
export async function runDailyJob(date: string): Promise<CountyRun[]> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`invalid date ${date}`);
  // Publicity periods (applications and ratings) that have ended pass without anyone opening a page.
  await settleDuePublicity(null);
  await settleDueRatingPublicity(null);
  const counties = await prisma.orgUnit.findMany({ where: { level: "county", active: true }, select: { id: true, code: true }, orderBy: { code: "asc" } });
  const out: CountyRun[] = [];
  for (const c of counties) out.push(await runCounty(c.id, c.code, date));
  return out;
}
