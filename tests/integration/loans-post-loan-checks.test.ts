import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { getLoan } from "@/lib/server/loans/get-loan";
import { listAnomalyReports } from "@/lib/server/loans/list-anomaly-reports";
import { recordUsageSurvey } from "@/lib/server/loans/record-usage-survey";
import { reportAnomaly } from "@/lib/server/loans/report-anomaly";
import { activateProfile, makeActor, makeCounty, resetDb, setNow, type TestCounty } from "./fixtures";
import { makeBank, makeLoan } from "./loans-fixtures";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("post-loan checks (real PostgreSQL)", () => {
  let c: TestCounty;
  let bank: { bankId: string; officer: Actor };
  let other: { bankId: string; officer: Actor };

  beforeEach(async () => {
    await resetDb();
    c = await makeCounty("410101");
    await activateProfile(c.county.id);
    bank = await makeBank(c);
    other = await makeBank(c, "另一家银行");
  });
  afterEach(() => setNow(null));

  it("a usage survey is due every 3 months from disbursement or the last survey, flagged when overdue", async () => {
    const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", disbursedOn: "2026-01-10", schedule: [{ dueDate: "2027-01-10", principal: "10000.00", interest: "435.00" }] });
    const township = await makeActor("township_officer", c.townships[0].id);
    setNow("2026-04-11T02:00:00Z");
    let view = await getLoan(township, { id: loan.id });
    expect([view.nextSurveyDue, view.surveyOverdue]).toEqual(["2026-04-10", true]);
    await recordUsageSurvey(township, { loanId: loan.id, surveyedOn: "2026-04-11", fundsUse: "购买基础母牛 3 头", businessStatus: "normal" });
    view = await getLoan(township, { id: loan.id });
    expect([view.nextSurveyDue, view.surveyOverdue, view.surveys.length]).toEqual(["2026-07-11", false, 1]);
    expect((await rejection(recordUsageSurvey(township, { loanId: loan.id, surveyedOn: "2026-04-12", fundsUse: "x", businessStatus: "normal" }))).fieldErrors?.surveyedOn).toBeDefined();
    const otherTownship = await makeActor("township_officer", c.townships[1].id);
    expect((await rejection(recordUsageSurvey(otherTownship, { loanId: loan.id, surveyedOn: "2026-04-11", fundsUse: "x", businessStatus: "normal" }))).code).toBe("NOT_FOUND");
  });

  it("an anomaly is seen at once by the county, the township, the village and the lending bank, and no one else", async () => {
    setNow("2026-04-11T02:00:00Z");
    const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: [{ dueDate: "2027-01-10", principal: "10000.00", interest: "435.00" }] });
    const village = await makeActor("village_cadre", c.townships[0].villages[0].id);
    await reportAnomaly(village, { loanId: loan.id, kind: "changedUse", description: "贷款用于建房，未用于养殖" });
    const seers = [
      await makeActor("county_officer", c.county.id), await makeActor("township_officer", c.townships[0].id), village, bank.officer,
    ];
    for (const actor of seers) expect((await listAnomalyReports(actor, {})).map((r) => r.kindLabel)).toEqual(["改变贷款用途"]);
    const others = [await makeActor("township_officer", c.townships[1].id), await makeActor("village_cadre", c.townships[0].villages[1].id), other.officer];
    for (const actor of others) expect(await listAnomalyReports(actor, {})).toEqual([]);
  });
});
