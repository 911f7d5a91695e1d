import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { decideLoanChange } from "@/lib/server/loans/decide-loan-change";
import { recordRepayment } from "@/lib/server/loans/record-repayment";
import { requestLoanChange } from "@/lib/server/loans/request-loan-change";
import { getSubsidyRun } from "@/lib/server/subsidy/get-subsidy-run";
import { runSubsidyQuarter } from "@/lib/server/subsidy/run-subsidy-quarter";
import { activateProfile, makeActor, makeCounty, prisma, resetDb, setNow, type TestCounty } from "./fixtures";
import { makeBank } from "./loans-fixtures";
import { extend, makeSubsidyLoan, repay } from "./subsidy-fixtures";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function linesOf(runId: string) {
  const lines = await prisma.subsidyLine.findMany({ where: { runId } });
  const loans = await prisma.loan.findMany({ where: { id: { in: lines.map((l) => l.loanId) } } });
  const contract = new Map(loans.map((l) => [l.id, l.contractNumber]));
  return Object.fromEntries(
    lines.map((l) => [
      `${contract.get(l.loanId)}/${l.kind}`,
      { days: l.days, subsidisedDays: l.subsidisedDays, rate: l.rate.toString(), amount: l.amount.toFixed(2), eligible: l.eligible, reason: l.reason },
    ]),
  );
}

describe("subsidy quarter run (real PostgreSQL)", () => {
  let c: TestCounty;
  let bankId: string;
  let otherBankId: string;
  let county: Actor;

  beforeEach(async () => {
    await resetDb();
    c = await makeCounty("410102");
    // Pingdingshan scheme 1 (benchmark cap, 2% enterprise, 1.5%/0.5% guarantee-fee subsidy), with
    // G 二(四)'s reading that the subsidy period follows extensions.
    await activateProfile(c.county.id, (s) => {
      s.interest.subsidyIncludesRenewals = true;
    });
    bankId = (await makeBank(c)).bankId;
    otherBankId = (await makeBank(c, "另一家银行")).bankId;
    county = await makeActor("county_officer", c.county.id);
    // The run of 2026 Q2, settled on 2026-06-20: the period is [2026-03-20, 2026-06-20), 92 days.
    setNow("2026-06-25T02:00:00Z");
  });
  afterEach(() => setNow(null));

  it("computes each loan to the fen: mid-quarter disbursement, late interest, extension, early payoff, 据实, ineligible, enterprise, guarantee fees", async () => {
    // A: 20,000 at a contract rate of 5.00% for 2 months, disbursed 2026-04-01 (mid-quarter),
    // maturity 2026-05-20 extended (requested 2026-05-10) to 2026-08-20, paid off early on 2026-06-10.
    const a = await makeSubsidyLoan({
      c, bankId, principal: "20000.00", rate: "0.0500", termMonths: 2, disbursedOn: "2026-04-01", maturityDate: "2026-05-20",
      contractNumber: "A",
      schedule: [
        { dueDate: "2026-04-20", principal: "0.00", interest: "52.78" }, // 20000 × 19 × 5% / 360 = 52.777…
        { dueDate: "2026-05-20", principal: "20000.00", interest: "83.33" }, // 20000 × 30 × 5% / 360 = 83.333…
        { dueDate: "2026-08-20", principal: "0.00", interest: "255.56" }, // the extension's interest: 20000 × 92 × 5% / 360
      ],
    });
    await extend(a.id, "2026-05-10", "2026-08-20");
    await repay(a, "2026-05-05", "0", "52.78"); // the 04-20 interest, 15 days late: overdue 04-21 … 05-04
    await repay(a, "2026-05-20", "0", "83.33"); // on time
    await repay(a, "2026-06-10", "20000", "58.33"); // payoff: 20000 × 21 × 5% / 360 = 58.333…
    // B: 10,000 at 4.35% over the whole quarter; the bank charged only 100.00 of the 111.17 (据实).
    const b = await makeSubsidyLoan({
      c, bankId, principal: "10000.00", rate: "0.0435", termMonths: 12, disbursedOn: "2026-03-20", maturityDate: "2027-03-20",
      contractNumber: "B",
      schedule: [
        { dueDate: "2026-06-20", principal: "0.00", interest: "111.17" },
        { dueDate: "2027-03-20", principal: "10000.00", interest: "0.00" },
      ],
    });
    await repay(b, "2026-06-20", "0", "100.00");
    // C: a misregistered household (错评清退): a zero line with the reason; no repayments recorded.
    await makeSubsidyLoan({
      c, bankId, principal: "30000.00", rate: "0.0435", termMonths: 12, disbursedOn: "2026-01-10", maturityDate: "2027-01-10",
      contractNumber: "C", status: "misregistered",
      schedule: [{ dueDate: "2026-03-20", principal: "0.00", interest: "253.75" }, { dueDate: "2027-01-10", principal: "30000.00", interest: "0.00" }],
    });
    // D: an enterprise loan of 300,000 driving 4 households: 2% on min(300,000, 4 × 50,000).
    await makeSubsidyLoan({
      c, bankId, principal: "300000.00", rate: "0.0475", termMonths: 24, disbursedOn: "2026-01-05", maturityDate: "2028-01-05",
      contractNumber: "D", enterprise: { householdsDriven: 4 },
      schedule: [{ dueDate: "2028-01-05", principal: "300000.00", interest: "0.00" }],
    });
    // E: another bank's loan is not in this bank's claim.
    await makeSubsidyLoan({
      c, bankId: otherBankId, principal: "10000.00", rate: "0.0435", termMonths: 12, disbursedOn: "2026-03-20", maturityDate: "2027-03-20",
      contractNumber: "E", schedule: [{ dueDate: "2027-03-20", principal: "10000.00", interest: "0.00" }],
    });
    // F: disbursed after the quarter: no line.
    await makeSubsidyLoan({
      c, bankId, principal: "10000.00", rate: "0.0435", termMonths: 12, disbursedOn: "2026-06-20", maturityDate: "2027-06-20",
      contractNumber: "F", schedule: [{ dueDate: "2027-06-20", principal: "10000.00", interest: "0.00" }],
    });

    const result = await runSubsidyQuarter(county, { bankId, year: "2026", quarter: "2" });
    expect(result.created).toBe(true);
    const run = await prisma.subsidyRun.findUniqueOrThrow({ where: { id: result.id } });
    expect([run.periodFrom.toISOString().slice(0, 10), run.periodTo.toISOString().slice(0, 10), run.status]).toEqual(["2026-03-20", "2026-06-20", "computed"]);

    expect(await linesOf(run.id)).toEqual({
      // A: balance 20,000 on [04-01, 06-10) = 30 + 31 + 9 = 70 days; overdue [04-21, 05-05) = 14 days
      // (the 05-20 principal is not overdue: extended to 08-20 before it fell due); 56 days subsidised
      // at min(5.00%, benchmark ≤ 1 year 4.35%) = 4.35%: 20000 × 56 × 0.0435 / 360 = 48720 / 360
      // = 135.333… → 135.33. Interest paid for the quarter 52.78 + 83.33 + 58.33 = 194.44 ≥ 135.33.
      "A/interest": { days: 70, subsidisedDays: 56, rate: "0.0435", amount: "135.33", eligible: true, reason: null },
      // Guarantee fee 1.5% on the balance, overdue days included: 20000 × 70 × 0.015 / 360 = 58.333… → 58.33.
      "A/guaranteeFee": { days: 70, subsidisedDays: 70, rate: "0.015", amount: "58.33", eligible: true, reason: null },
      // B: 10000 × 92 × 0.0435 / 360 = 40020 / 360 = 111.1666… → 111.17, limited to the 100.00 paid.
      "B/interest": { days: 92, subsidisedDays: 92, rate: "0.0435", amount: "100.00", eligible: true, reason: "按实付利息据实贴息" },
      // 10000 × 92 × 0.015 / 360 = 13800 / 360 = 38.333… → 38.33.
      "B/guaranteeFee": { days: 92, subsidisedDays: 92, rate: "0.015", amount: "38.33", eligible: true, reason: null },
      // C: ineligible, zero with the reason; the 03-20 interest unpaid makes every day from 03-21 overdue anyway.
      "C/interest": { days: 92, subsidisedDays: 0, rate: "0.0435", amount: "0.00", eligible: false, reason: "错评清退户不享受贴息政策" },
      // 30000 × 92 × 0.015 / 360 = 41400 / 360 = 115.00.
      "C/guaranteeFee": { days: 92, subsidisedDays: 92, rate: "0.015", amount: "115.00", eligible: true, reason: null },
      // D: min(300000, 4 × 50000) = 200000 × 92 × 0.02 / 360 = 368000 / 360 = 1022.222… → 1022.22.
      "D/enterprise": { days: 92, subsidisedDays: 92, rate: "0.02", amount: "1022.22", eligible: true, reason: null },
      // 0.5% on the whole balance: 300000 × 92 × 0.005 / 360 = 138000 / 360 = 383.333… → 383.33.
      "D/guaranteeFee": { days: 92, subsidisedDays: 92, rate: "0.005", amount: "383.33", eligible: true, reason: null },
    });
    // 135.33 + 58.33 + 100.00 + 38.33 + 0.00 + 115.00 + 1022.22 + 383.33 = 1852.54
    expect(run.total.toFixed(2)).toBe("1852.54");
    // The claim page explains each amount from the stored detail.
    const view = await getSubsidyRun(county, { id: run.id });
    expect(view.lines.find((l) => l.contractNumber === "A" && l.kind === "interest")?.explanation).toBe(
      "余额 2026-04-01～2026-06-10 20000.00；逾期 2026-04-21～2026-05-05；合同利率 0.05，贴息上限 0.0435（基准利率）；贴息期限至 2026-08-20；计算额 135.33；本季实付利息 194.44",
    );
  });

  it("without the extension the days after the original maturity earn nothing", async () => {
    // Same loan as A, not extended, under the Pingdingshan reading (subsidy within the contract term).
    const profile = await prisma.policyProfile.findFirstOrThrow();
    const settings = profile.settings as { interest: { subsidyIncludesRenewals: boolean } };
    settings.interest.subsidyIncludesRenewals = false;
    await prisma.policyProfile.update({ where: { id: profile.id }, data: { settings } });
    const a = await makeSubsidyLoan({
      c, bankId, principal: "20000.00", rate: "0.0500", termMonths: 2, disbursedOn: "2026-04-01", maturityDate: "2026-05-20",
      contractNumber: "A2",
      schedule: [
        { dueDate: "2026-04-20", principal: "0.00", interest: "52.78" },
        { dueDate: "2026-05-20", principal: "20000.00", interest: "83.33" },
      ],
    });
    await repay(a, "2026-05-05", "0", "52.78");
    await repay(a, "2026-05-20", "0", "83.33");
    await repay(a, "2026-06-10", "20000", "58.33");
    const { id } = await runSubsidyQuarter(county, { bankId, year: 2026, quarter: 2 });
    // [04-01, 05-20) = 49 days, of which [04-21, 05-05) = 14 overdue: 35 days;
    // 20000 × 35 × 0.0435 / 360 = 30450 / 360 = 84.583… → 84.58.
    expect((await linesOf(id))["A2/interest"]).toMatchObject({ days: 49, subsidisedDays: 35, amount: "84.58" });
  });

  it("re-running a quarter returns the run that exists; two concurrent runs produce one run and one set of lines", async () => {
    for (let i = 0; i < 5; i++) {
      await makeSubsidyLoan({
        c, bankId, principal: "10000.00", rate: "0.0435", termMonths: 12, disbursedOn: "2026-03-20", maturityDate: "2027-03-20",
        schedule: [{ dueDate: "2027-03-20", principal: "10000.00", interest: "0.00" }],
      });
    }
    const [x, y] = await Promise.all([
      runSubsidyQuarter(county, { bankId, year: 2026, quarter: 2 }),
      runSubsidyQuarter(await makeActor("county_officer", c.county.id), { bankId, year: 2026, quarter: 2 }),
    ]);
    expect(x.id).toBe(y.id);
    expect([x.created, y.created].sort()).toEqual([false, true]);
    expect(await prisma.subsidyRun.count()).toBe(1);
    // 5 interest lines and 5 guarantee-fee lines, once.
    expect(await prisma.subsidyLine.count()).toBe(10);
    const again = await runSubsidyQuarter(county, { bankId, year: 2026, quarter: 2 });
    expect(again).toEqual({ id: x.id, created: false });
    expect(await prisma.subsidyLine.count()).toBe(10);
  });

  /** 10,000 at 4.35% for a year from 2026-01-05, principal at maturity. */
  const yearLoan = (bank: string, contractNumber?: string) =>
    makeSubsidyLoan({
      c, bankId: bank, principal: "10000.00", rate: "0.0435", termMonths: 12, disbursedOn: "2026-01-05", maturityDate: "2027-01-05",
      contractNumber, schedule: [{ dueDate: "2027-01-05", principal: "10000.00", interest: "0.00" }],
    });

  it("two transactions writing overlapping runs of one bank at once: one commits, the other is refused with nothing kept", async () => {
    const loan = await yearLoan(bankId);
    const day = (d: string) => new Date(`${d}T00:00:00Z`);
    // Whatever writes them (a settlement day changed between two quarters, a bug): runs over 03-19 … 03-20 twice.
    const write = (quarter: number, from: string, to: string) =>
      prisma.$transaction(async (tx) => {
        const run = await tx.subsidyRun.create({
          data: { countyId: c.county.id, bankId, year: 2026, quarter, periodFrom: day(from), periodTo: day(to), profileVersion: 1 },
        });
        // Hold the transaction open so that the other one's run is written meanwhile.
        await tx.$executeRawUnsafe("SELECT pg_sleep(0.2)");
        await tx.subsidyLine.create({
          data: { runId: run.id, loanId: loan.id, kind: "interest", periodFrom: day(from), periodTo: day(to), days: 1, subsidisedDays: 1, rate: "0.0435", amount: "1.00", eligible: true },
        });
      });
    const results = await Promise.allSettled([write(1, "2025-12-20", "2026-03-20"), write(2, "2026-03-19", "2026-06-19")]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(String(refused.reason?.message ?? refused.reason)).toMatch(/SubsidyRun_no_double_subsidy|23P01|exclusion/i);
    expect(await prisma.subsidyRun.count()).toBe(1);
    expect(await prisma.subsidyLine.count()).toBe(1);
  });

  it("the database refuses to subsidise a loan twice for one day, and the run says so in Chinese", async () => {
    const loan = await yearLoan(bankId);
    setNow("2026-03-25T02:00:00Z");
    await runSubsidyQuarter(county, { bankId, year: 2026, quarter: 1 });
    // The county changes its settlement day to the 19th: Q2 would start on 03-19, a day Q1 already paid.
    const profile = await prisma.policyProfile.findFirstOrThrow();
    const settings = profile.settings as { interest: { settlement: { months: number[]; day: number } } };
    settings.interest.settlement.day = 19;
    await prisma.policyProfile.update({ where: { id: profile.id }, data: { settings } });
    setNow("2026-06-25T02:00:00Z");
    const error = await rejection(runSubsidyQuarter(county, { bankId, year: 2026, quarter: 2 }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("同一笔贷款同一天不能重复贴息");
    expect(await prisma.subsidyRun.count()).toBe(1);
    // And directly, whatever writes the rows: the database itself refuses every way to a second subsidy for a day.
    const run = await prisma.subsidyRun.findFirstOrThrow();
    const other = await yearLoan(otherBankId, "OTHER");
    const fresh = await yearLoan(bankId, "FRESH");
    const lines = await prisma.subsidyLine.count();
    const refusal = (write: Promise<unknown>) => write.then(() => "written", (e: unknown) => String((e as Error)?.message ?? e));
    const line = (o: { loanId?: string; from?: string; to?: string }) =>
      prisma.subsidyLine.create({
        data: {
          runId: run.id, loanId: o.loanId ?? loan.id, kind: "interest", periodFrom: new Date(`${o.from ?? "2025-12-20"}T00:00:00Z`),
          periodTo: new Date(`${o.to ?? "2026-03-20"}T00:00:00Z`), days: 24, subsidisedDays: 24, rate: "0.0435", amount: "1.00", eligible: true,
        },
      });
    expect(run.periodFrom.toISOString().slice(0, 10)).toBe("2025-12-20");
    // A second line for the loan in its run.
    expect(await refusal(line({}))).toMatch(/Unique constraint|SubsidyLine_loanId_kind_runId_key/);
    // A line over other days than its run's, which the exclusion between runs would not see.
    expect(await refusal(line({ loanId: fresh.id, from: "2026-03-01", to: "2026-03-25" }))).toMatch(/SubsidyLine_matches_run/);
    // A line in this bank's run for a loan of another bank (whose own runs may cover the same days).
    expect(await refusal(line({ loanId: other.id }))).toMatch(/SubsidyLine_matches_run/);
    // A second run of the bank over days a run already covers.
    const overlapping = prisma.subsidyRun.create({
      data: { countyId: c.county.id, bankId, year: 2026, quarter: 2, periodFrom: new Date("2026-03-19T00:00:00Z"), periodTo: new Date("2026-06-19T00:00:00Z"), profileVersion: 1 },
    });
    expect(await refusal(overlapping)).toMatch(/SubsidyRun_no_double_subsidy|23P01|exclusion/i);
    // Moving the run's days or the loan to another bank afterwards.
    expect(await refusal(prisma.subsidyRun.update({ where: { id: run.id }, data: { periodTo: new Date("2026-03-25T00:00:00Z") } }))).toMatch(/SubsidyRun_fixed_bank_and_days/);
    expect(await refusal(prisma.loan.update({ where: { id: loan.id }, data: { bankId: otherBankId } }))).toMatch(/Loan_fixed_bank/);
    expect(await prisma.subsidyLine.count()).toBe(lines);
  });

  it("loans over the subsidy scope (amount or term) and blacklisted borrowers get a zero line with every reason", async () => {
    await makeSubsidyLoan({
      c, bankId, principal: "60000.00", rate: "0.0435", termMonths: 48, disbursedOn: "2026-03-20", maturityDate: "2030-03-20",
      contractNumber: "BIG", schedule: [{ dueDate: "2030-03-20", principal: "60000.00", interest: "0.00" }],
    });
    const listed = await makeSubsidyLoan({
      c, bankId, principal: "10000.00", rate: "0.0435", termMonths: 12, disbursedOn: "2026-03-20", maturityDate: "2027-03-20",
      contractNumber: "BL", schedule: [{ dueDate: "2027-03-20", principal: "10000.00", interest: "0.00" }],
    });
    await prisma.blacklistEntry.create({ data: { countyId: c.county.id, householdId: listed.householdId, reason: "恶意逃废债", status: "active", addedById: "x" } });
    const { id } = await runSubsidyQuarter(county, { bankId, year: 2026, quarter: 2 });
    const lines = await linesOf(id);
    expect(lines["BIG/interest"]).toMatchObject({ amount: "0.00", eligible: false, subsidisedDays: 0 });
    expect(lines["BIG/interest"].reason).toBe("贷款金额 60,000.00 元超过 50,000.00 元，不在贴息范围内；贷款期限 48 个月超过 36 个月，不在贴息范围内");
    expect(lines["BL/interest"]).toMatchObject({ amount: "0.00", eligible: false, reason: "农户已列入失信黑名单，不享受贴息" });
  });

  it("an extension made through the post-loan workflow carries the subsidy on under G 二(四), and stops it at the contract's maturity otherwise", async () => {
    // 10,000 at 4.35% for 2 months from 2026-03-20 (maturity 2026-05-20), extended on 05-10 to 2026-08-20.
    const bank = await makeBank(c, "展期银行");
    const loan = await makeSubsidyLoan({ c, bankId: bank.bankId, principal: "10000.00", rate: "0.0435", termMonths: 2, disbursedOn: "2026-03-20",
      maturityDate: "2026-05-20", contractNumber: "EXT", schedule: [{ dueDate: "2026-05-20", principal: "10000.00", interest: "73.71" }] });
    setNow("2026-05-10T02:00:00Z");
    const { id: changeId } = await requestLoanChange(bank.officer, { loanId: loan.id, kind: "extension", newMaturity: "2026-08-20", reason: "出栏推迟" });
    await decideLoanChange(county, { changeId, decision: "approve" });
    setNow("2026-06-25T02:00:00Z");
    const { id } = await runSubsidyQuarter(county, { bankId: bank.bankId, year: 2026, quarter: 2 });
    // The whole quarter, 92 days, none overdue (the instalment now falls due on 08-20):
    // 10000 × 92 × 0.0435 / 360 = 40020 / 360 = 111.1666… → 111.17.
    expect((await linesOf(id))["EXT/interest"]).toMatchObject({ days: 92, subsidisedDays: 92, amount: "111.17" });

    // Pingdingshan's reading: the subsidy runs within the contract term only: [03-20, 05-20) = 61 days,
    // 10000 × 61 × 0.0435 / 360 = 26535 / 360 = 73.7083… → 73.71 (a fresh bank, so a fresh claim).
    const profile = await prisma.policyProfile.findFirstOrThrow();
    const settings = profile.settings as { interest: { subsidyIncludesRenewals: boolean } };
    settings.interest.subsidyIncludesRenewals = false;
    await prisma.policyProfile.update({ where: { id: profile.id }, data: { settings } });
    await prisma.subsidyRun.delete({ where: { id } });
    const again = await runSubsidyQuarter(county, { bankId: bank.bankId, year: 2026, quarter: 2 });
    expect((await linesOf(again.id))["EXT/interest"]).toMatchObject({ days: 61, subsidisedDays: 61, amount: "73.71" });
  });

  it("a loan that ended before the quarter began has no line; one extended into the quarter has its days up to the new maturity", async () => {
    // Both 10,000 at 4.35% for 2 months from 2026-03-20 (maturity 2026-05-20, nothing repaid); one is extended on 05-10 to 08-20.
    const bank = await makeBank(c, "到期银行");
    const terms = { c, bankId: bank.bankId, principal: "10000.00", rate: "0.0435", termMonths: 2, disbursedOn: "2026-03-20", maturityDate: "2026-05-20" };
    const schedule = [{ dueDate: "2026-05-20", principal: "10000.00", interest: "73.71" }];
    await makeSubsidyLoan({ ...terms, contractNumber: "ENDED", schedule });
    const extended = await makeSubsidyLoan({ ...terms, contractNumber: "EXTENDED", schedule });
    setNow("2026-05-10T02:00:00Z");
    const { id: changeId } = await requestLoanChange(bank.officer, { loanId: extended.id, kind: "extension", newMaturity: "2026-08-20", reason: "出栏推迟" });
    await decideLoanChange(county, { changeId, decision: "approve" });
    setNow("2026-09-25T02:00:00Z");
    const { id } = await runSubsidyQuarter(county, { bankId: bank.bankId, year: 2026, quarter: 3 });
    const lines = await linesOf(id);
    expect(Object.keys(lines).sort()).toEqual(["EXTENDED/guaranteeFee", "EXTENDED/interest"]);
    // 06-21 to 08-20, 61 days: 10000 × 61 × 0.0435 / 360 = 26535 / 360 = 73.7083… → 73.71;
    // the guarantee fee at 1.5%: 10000 × 61 × 0.015 / 360 = 9150 / 360 = 25.4166… → 25.42.
    expect(lines["EXTENDED/interest"]).toMatchObject({ days: 61, subsidisedDays: 61, amount: "73.71" });
    expect(lines["EXTENDED/guaranteeFee"]).toMatchObject({ days: 61, amount: "25.42" });
  });

  it("a renewal in arrears: the principal's overdue days before the renewal stay unsubsidised although the schedule was rewritten", async () => {
    // 10,000 at 4.35% for 2 months from 2026-01-20: maturity 2026-03-20 with 10000 × 59 × 0.0435 / 360
    // = 71.29 interest, paid on time; the principal is not repaid, and the loan is renewed on 04-10
    // for 3 months (new schedule from 04-10: interest to 06-20 is 10000 × 71 × 0.0435 / 360 = 85.79).
    const bank = await makeBank(c, "续贷银行");
    const loan = await makeSubsidyLoan({ c, bankId: bank.bankId, principal: "10000.00", rate: "0.0435", termMonths: 2, disbursedOn: "2026-01-20",
      maturityDate: "2026-03-20", contractNumber: "REN", schedule: [{ dueDate: "2026-03-20", principal: "10000.00", interest: "71.29" }] });
    setNow("2026-03-20T02:00:00Z");
    await recordRepayment(bank.officer, { loanId: loan.id, reference: "REN-1", paidOn: "2026-03-20", principal: "0", interest: "71.29", penalty: "" });
    setNow("2026-04-10T02:00:00Z");
    const { id: changeId } = await requestLoanChange(bank.officer, { loanId: loan.id, kind: "renewal", termMonths: "3", reason: "出栏推迟，续贷" });
    await decideLoanChange(county, { changeId, decision: "approve" });
    const june = await prisma.scheduleItem.findFirstOrThrow({ where: { loanId: loan.id, dueDate: new Date("2026-06-20T00:00:00Z") } });
    expect(june.interestDue.toFixed(2)).toBe("85.79");
    setNow("2026-06-25T02:00:00Z");
    await recordRepayment(bank.officer, { loanId: loan.id, reference: "REN-2", paidOn: "2026-06-20", principal: "0", interest: "85.79", penalty: "" });
    const { id } = await runSubsidyQuarter(county, { bankId: bank.bankId, year: 2026, quarter: 2 });
    // 92 days with a balance; overdue [03-21, 04-10) = 20 days (principal due 03-20, renewed 04-10);
    // 72 days: 10000 × 72 × 0.0435 / 360 = 31320 / 360 = 87.00, limited to the 85.79 paid (据实).
    expect((await linesOf(id))["REN/interest"]).toMatchObject({ days: 92, subsidisedDays: 72, amount: "85.79", reason: "按实付利息据实贴息" });
  });

  it("a quarter with nothing paid through the bank needs no statement: the run is reconciled at once", async () => {
    const { id } = await runSubsidyQuarter(county, { bankId, year: 2026, quarter: 2 });
    const run = await prisma.subsidyRun.findUniqueOrThrow({ where: { id } });
    expect([run.status, run.total.toFixed(2)]).toEqual(["reconciled", "0.00"]);
  });

  it("refuses a quarter not yet settled, another county's bank and other roles", async () => {
    setNow("2026-06-19T02:00:00Z");
    const early = await rejection(runSubsidyQuarter(county, { bankId, year: 2026, quarter: 2 }));
    expect(early.fieldErrors?.quarter?.[0]).toContain("结息后才能申报");
    const other = await makeCounty("410103");
    const foreignBank = (await makeBank(other, "外县银行")).bankId;
    setNow("2026-06-25T02:00:00Z");
    expect((await rejection(runSubsidyQuarter(county, { bankId: foreignBank, year: 2026, quarter: 2 }))).fieldErrors?.bankId).toBeDefined();
    const finance = await makeActor("finance_officer", c.county.id);
    expect((await rejection(runSubsidyQuarter(finance, { bankId, year: 2026, quarter: 2 }))).code).toBe("FORBIDDEN");
  });
});
