import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { runDailyJob } from "@/lib/server/jobs/daily";
import { applyClaim } from "@/lib/server/risk/apply-claim";
import { decideClaim } from "@/lib/server/risk/decide-claim";
import { listLossCases } from "@/lib/server/risk/list-loss-cases";
import { reviewClaim } from "@/lib/server/risk/review-claim";
import { activateProfile, makeActor, makeCounty, resetDb, seedCalendar, setNow, type TestCounty } from "./fixtures";
import { loanState, makeBank, makeLoan } from "./loans-fixtures";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("Guizhou compensation claims (real PostgreSQL)", () => {
  let c: TestCounty;
  let bank: { bankId: string; officer: Actor };

  beforeEach(async () => {
    await resetDb();
    c = await makeCounty("520101");
    await seedCalendar(c.county.id);
    await activateProfile(c.county.id, (s) => {
      s.defaultHandling = { bufferUnit: "months", bufferDays: null, bufferUsualMaxMonths: 2, bufferHardMaxMonths: 3, splitWorkingDays: 10, recoveryReturnWorkingDays: 5, claimChainEnabled: true };
      s.sharing.scheme = "guizhou";
      s.sharing.ratios.household = [{ party: "county_fund", ratio: "0.60" }, { party: "bank", ratio: "0.40" }];
    });
    bank = await makeBank(c);
  });
  afterEach(() => setNow(null));

  it("bank applies → township reviews → county approves (not the same people): the loss is shared; no automatic split", async () => {
    const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: [{ dueDate: "2026-07-21", principal: "10000.00", interest: "120.83" }] });
    setNow("2026-10-01T02:00:00Z");
    await runDailyJob("2026-10-01");
    // Buffer ended on 21 September (2 months), yet no case: Guizhou waits for the claim.
    expect((await loanState(loan.id)).status).toBe("inBuffer");
    expect(await listLossCases(await makeActor("county_officer", c.county.id), {})).toEqual([]);

    const township = await makeActor("township_officer", c.townships[0].id);
    const county = await makeActor("county_officer", c.county.id);
    await applyClaim(bank.officer, { loanId: loan.id, reason: "借款人外出失联，清收无望" });
    expect((await loanState(loan.id)).status).toBe("claim");
    expect((await rejection(decideClaim(county, { loanId: loan.id, decision: "approve" }))).message).toContain("须先经乡镇");
    await reviewClaim(township, { loanId: loan.id, reason: "情况属实，同意上报" });
    expect((await rejection(reviewClaim(township, { loanId: loan.id, reason: "再审" }))).code).toBe("CONFLICT");
    expect((await rejection(decideClaim(county, { loanId: loan.id, decision: "reject" }))).fieldErrors?.reason).toBeDefined();
    const { caseId } = await decideClaim(county, { loanId: loan.id, decision: "approve" });
    expect((await loanState(loan.id)).status).toBe("split");
    const [lossCase] = await listLossCases(county, { id: caseId! });
    expect([lossCase.scheme, lossCase.loss, lossCase.bufferEndsOn]).toEqual(["guizhou", "10120.83", "2026-09-21"]);
    expect(lossCase.shares.map((s) => [s.party, s.amount])).toEqual([["county_fund", "6072.50"], ["bank", "4048.33"]]);
    // 10 working days after Thursday 1 October: 国庆 to the 7th; 8, 9, Saturday 10 (调休), 12–16, 19, 20 October.
    expect(lossCase.splitDeadline).toBe("2026-10-20");
  });
});
