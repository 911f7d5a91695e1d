import "server-only";
import type { Loan, ScheduleItem } from "@/generated/prisma/client";
import { addDays } from "@/lib/domain/calendar";
import { prisma } from "../db";
import { defaultDates } from "../loans/default-dates";
import { day, iso, nextLoanState, REPAYING_STATES, setLoanState } from "../loans/loan-records";
import { openLossCase } from "../loans/open-loss-case";
import { activeProfile } from "../policy/active-profile";
import { countyCalendar } from "../policy/county-calendar";
import { refreshBreaker } from "../risk/refresh-breaker";
import { AppError } from "../errors";
import { runSystemTask } from "../use-case";

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

/** The first instalment still unpaid after its due date: the one the buffer counts from. */
function firstOverdue(schedule: ScheduleItem[], date: string): ScheduleItem | undefined {
  return schedule
    .filter((s) => s.status !== "paid" && iso(s.dueDate) < date)
    .sort((a, b) => a.seq - b.seq)[0];
}

async function runCounty(countyId: string, code: string, date: string): Promise<CountyRun> {
  return runSystemTask(`job.${JOB}`, async ({ tx, audit }) => {
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
    if (loans.length > 0) await tx.$queryRaw`SELECT id FROM "Loan" WHERE id = ANY(${loans.map((l) => l.id)}::text[]) ORDER BY id FOR UPDATE`;
    let movedToOverdue = 0, movedToBuffer = 0, lossCasesOpened = 0;
    for (const loaded of loans) {
      const loan: Loan & { schedule: ScheduleItem[] } = loaded;
      const first = firstOverdue(loan.schedule, date);
      if (!first) continue;
      const from = loan.status;
      if (loan.status === "repaying" || loan.status === "extended" || loan.status === "renewed") {
        loan.status = nextLoanState(loan.status, "markOverdue", "system");
        movedToOverdue++;
      }
      if (loan.status === "overdue") {
        loan.status = nextLoanState(loan.status, "startBuffer", "system");
        movedToBuffer++;
      }
      const dates = defaultDates(profile, iso(first.dueDate), calendar);
      if (from !== loan.status) {
        await setLoanState(tx, loan, { status: loan.status });
        await audit({
          action: "loan.startBuffer", entity: "Loan", entityId: loan.id, countyId,
          before: { status: from }, after: { status: loan.status, overdueSince: addDays(iso(first.dueDate), 1), bufferEnds: dates?.bufferEnds ?? null, date },
        });
      }
      if (!dates) {
        problems.push("政策参数未设置缓冲期，逾期贷款暂不计算缓冲期满日");
        continue;
      }
      // Guizhou: the bank's outlet applies for compensation instead (claim chain).
      if (profile.settings.defaultHandling.claimChainEnabled) continue;
      if (loan.status === "inBuffer" && date > dates.bufferEnds) {
        const opened = await openLossCase({ tx, audit, loan, profile, bufferEnds: dates.bufferEnds, splitDeadline: dates.splitDeadline, today: date });
        if ("problem" in opened) problems.push(opened.problem);
        else lossCasesOpened++;
      }
    }

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
  const counties = await prisma.orgUnit.findMany({ where: { level: "county", active: true }, select: { id: true, code: true }, orderBy: { code: "asc" } });
  const out: CountyRun[] = [];
  for (const c of counties) out.push(await runCounty(c.id, c.code, date));
  return out;
}
