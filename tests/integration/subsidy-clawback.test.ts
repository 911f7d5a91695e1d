import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { decideSubsidyFraud } from "@/lib/server/subsidy/decide-subsidy-fraud";
import { getSubsidyRun } from "@/lib/server/subsidy/get-subsidy-run";
import { markSubsidyFraud } from "@/lib/server/subsidy/mark-subsidy-fraud";
import { runSubsidyQuarter } from "@/lib/server/subsidy/run-subsidy-quarter";
import { subsidyDashboard } from "@/lib/server/subsidy/subsidy-dashboard";
import { activateProfile, makeActor, makeCounty, prisma, resetDb, setNow, type TestCounty } from "./fixtures";
import { makeBank } from "./loans-fixtures";
import { makeSubsidyLoan } from "./subsidy-fixtures";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("subsidy fraud: clawback, blacklist, blocked subsidies, deduction next quarter (real PostgreSQL)", () => {
  let c: TestCounty;
  let bankId: string;
  let maker: Actor;
  let checker: Actor;

  beforeEach(async () => {
    await resetDb();
    c = await makeCounty("410105");
    await activateProfile(c.county.id, (s) => {
      s.guaranteeFees.householdSubsidyRate = null;
      s.guaranteeFees.enterpriseSubsidyRate = null;
    });
    bankId = (await makeBank(c)).bankId;
    maker = await makeActor("county_officer", c.county.id);
    checker = await makeActor("county_officer", c.county.id);
  });
  afterEach(() => setNow(null));

  it("marks a line as fraud, blocks the borrower, and deducts the clawback from the next quarter's total", async () => {
    for (const n of ["H1", "H2"]) {
      await makeSubsidyLoan({
        c, bankId, principal: "10000.00", rate: "0.0435", termMonths: 12, disbursedOn: "2025-12-20", maturityDate: "2026-12-20",
        contractNumber: n, schedule: [{ dueDate: "2026-12-20", principal: "10000.00", interest: "0.00" }],
      });
    }
    setNow("2026-03-25T02:00:00Z");
    const q1 = await runSubsidyQuarter(maker, { bankId, year: 2026, quarter: 1 });
    // Q1 [2025-12-20, 2026-03-20) = 90 days: 10000 × 90 × 0.0435 / 360 = 39150 / 360 = 108.75 each.
    const q1View = await getSubsidyRun(maker, { id: q1.id });
    expect(q1View.lines.map((l) => [l.contractNumber, l.amount])).toEqual([["H1", "108.75"], ["H2", "108.75"]]);
    const h1Line = q1View.lines.find((l) => l.contractNumber === "H1")!;

    expect((await rejection(markSubsidyFraud(maker, { lineId: h1Line.id, reason: "" }))).fieldErrors?.reason).toBeDefined();
    const marked = await markSubsidyFraud(maker, { lineId: h1Line.id, reason: "虚构贫困户身份骗取贴息（纪检通报第 3 号）" });
    expect(marked.clawbacks).toBe(1);
    expect((await rejection(markSubsidyFraud(checker, { lineId: h1Line.id, reason: "再次" }))).code).toBe("CONFLICT");
    const clawback = await prisma.clawback.findFirstOrThrow();
    expect([clawback.status, clawback.amount.toFixed(2)]).toEqual(["pending", "108.75"]);
    expect((await prisma.blacklistEntry.findFirstOrThrow()).status).toBe("pending");

    // Maker-checker: not the officer who marked it.
    expect((await rejection(decideSubsidyFraud(maker, { clawbackId: clawback.id, decision: "approve" }))).message).toContain("另一名县级工作人员");
    await decideSubsidyFraud(checker, { clawbackId: clawback.id, decision: "approve" });
    expect((await prisma.clawback.findFirstOrThrow()).status).toBe("active");
    expect((await prisma.blacklistEntry.findFirstOrThrow()).status).toBe("active");

    setNow("2026-06-25T02:00:00Z");
    const q2 = await runSubsidyQuarter(maker, { bankId, year: 2026, quarter: 2 });
    const view = await getSubsidyRun(maker, { id: q2.id });
    // H1 is ineligible for good; H2: 10000 × 92 × 0.0435 / 360 = 40020 / 360 = 111.1666… → 111.17.
    expect(view.lines.map((l) => [l.contractNumber, l.amount, l.eligible, l.reason])).toEqual([
      ["H1", "0.00", false, "农户已列入失信黑名单，不享受贴息；存在骗取贴息行为，永久取消贴息资格"],
      ["H2", "111.17", true, null],
    ]);
    // 111.17 − 108.75 = 2.42, the amount paid to the bank this quarter.
    expect([view.totals.lines, view.totals.clawbacks, view.totals.net, view.total]).toEqual(["111.17", "108.75", "2.42", "2.42"]);
    expect(view.clawbacks.map((x) => [x.contractNumber, x.amount])).toEqual([["H1", "108.75"]]);
    const applied = await prisma.clawback.findFirstOrThrow();
    expect([applied.status, applied.appliedInRunId]).toEqual(["applied", q2.id]);

    const finance = await makeActor("finance_officer", c.county.id);
    const dash = await subsidyDashboard(finance, {});
    expect(dash.clawbacks.find((x) => x.status === "applied")).toMatchObject({ count: 1, amount: "108.75" });
    expect(dash.pending.find((x) => x.status === "computed")).toMatchObject({ count: 2, amount: "219.92" });
  });

  it("a rejected fraud finding withdraws the clawbacks and the blacklist proposal", async () => {
    await makeSubsidyLoan({
      c, bankId, principal: "10000.00", rate: "0.0435", termMonths: 12, disbursedOn: "2025-12-20", maturityDate: "2026-12-20",
      contractNumber: "H3", schedule: [{ dueDate: "2026-12-20", principal: "10000.00", interest: "0.00" }],
    });
    setNow("2026-03-25T02:00:00Z");
    const q1 = await runSubsidyQuarter(maker, { bankId, year: 2026, quarter: 1 });
    const line = await prisma.subsidyLine.findFirstOrThrow({ where: { runId: q1.id } });
    await markSubsidyFraud(maker, { lineId: line.id, reason: "举报" });
    const clawback = await prisma.clawback.findFirstOrThrow();
    expect((await rejection(decideSubsidyFraud(checker, { clawbackId: clawback.id, decision: "reject" }))).fieldErrors?.reason).toBeDefined();
    await decideSubsidyFraud(checker, { clawbackId: clawback.id, decision: "reject", reason: "经核查举报不实" });
    expect(await prisma.clawback.count()).toBe(0);
    expect((await prisma.blacklistEntry.findFirstOrThrow()).status).toBe("rejected");
  });
});
