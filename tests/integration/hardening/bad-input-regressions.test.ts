import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { recordBankDecision } from "@/lib/server/applications/record-bank-decision";
import { createHousehold } from "@/lib/server/households/create-household";
import { listHouseholds } from "@/lib/server/households/list-households";
import { updateHousehold } from "@/lib/server/households/update-household";
import { importRepayments } from "@/lib/server/loans/import-repayments";
import { recordUsageSurvey } from "@/lib/server/loans/record-usage-survey";
import { recordFundDeposit } from "@/lib/server/risk/record-fund-deposit";
import { activateProfile, householdInput, makeActor, makeCounty, prisma, resetDb, setNow, type TestCounty } from "../fixtures";
import { makeBank, makeLoan } from "../loans-fixtures";
import { tableState } from "./fuzz-support";

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error, String(error)).toBeInstanceOf(AppError);
  return error as AppError;
}

/**
 * Inputs the fuzz tests (fuzz-use-cases.test.ts) found reaching the database and failing there
 * with a 500, each pinned here: a clear refusal at its field, in Chinese, and nothing written.
 */
describe("bad input the fuzzer found (real PostgreSQL)", () => {
  let c: TestCounty;
  let cadre: Actor, county: Actor;
  let bank: { bankId: string; officer: Actor };

  beforeEach(async () => {
    await resetDb();
    setNow("2026-04-01T02:00:00Z");
    c = await makeCounty("410101");
    await activateProfile(c.county.id);
    cadre = await makeActor("village_cadre", c.townships[0].villages[0].id);
    county = await makeActor("county_officer", c.county.id);
    bank = await makeBank(c);
  });
  afterEach(() => setNow(null));

  it("zod's own checks (a wrong type, a missing field) answer in Chinese at the field", async () => {
    const wrongType = await refusal(recordFundDeposit(county, { amount: 5, occurredOn: "2026-03-01", reference: "x" }));
    expect(wrongType.fieldErrors?.amount?.[0]).toMatch(/[\u4e00-\u9fff]/);
    const notAnObject = await refusal(listHouseholds(cadre, 42));
    expect(notAnObject.code).toBe("VALIDATION");
    expect(notAnObject.fieldErrors?._form?.[0]).toMatch(/[\u4e00-\u9fff]/);
  });

  it("a date that is not on the calendar (2026-02-30, 2026-13-01) is refused at its field, not stored or crashed on", async () => {
    const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", disbursedOn: "2026-01-10", schedule: [{ dueDate: "2026-12-20", principal: "10000.00", interest: "1.00" }] });
    const before = await tableState();
    for (const bad of ["2026-02-30", "2026-13-01", "2026-00-10", "0000-00-00"]) {
      const deposit = await refusal(recordFundDeposit(county, { amount: "100", occurredOn: bad, reference: "财预 1 号" }));
      expect(deposit.fieldErrors?.occurredOn?.[0]).toContain("到账日期无效");
      const survey = await refusal(recordUsageSurvey(county, { loanId: loan.id, surveyedOn: bad, fundsUse: "购买饲料", businessStatus: "normal" }));
      expect(survey.fieldErrors?.surveyedOn?.[0]).toContain("检查日期无效");
    }
    expect(await tableState()).toEqual(before);
  });

  it("a NUL character or half a surrogate pair in any text is refused at its field", async () => {
    const before = await tableState();
    const nul = await refusal(createHousehold(cadre, householdInput({ address: "一组\u00005 号" })));
    expect(nul.fieldErrors?.address?.[0]).toContain("无法保存的字符");
    const surrogate = await refusal(listHouseholds(cadre, { q: "\ud800" }));
    expect(surrogate.fieldErrors?.q).toBeDefined();
    expect(await tableState()).toEqual(before);
  });

  it("a version number beyond PostgreSQL's integer is refused, not sent to the database", async () => {
    const { id } = await createHousehold(cadre, householdInput());
    const before = await tableState();
    const error = await refusal(updateHousehold(cadre, { ...householdInput(), id, version: 2 ** 31 }));
    expect(error.fieldErrors?.version).toBeDefined();
    expect(await tableState()).toEqual(before);
  });

  it("a repayment CSV with a NUL character is refused at the file", async () => {
    await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", contractNumber: "HT-9", disbursedOn: "2026-01-10", schedule: [{ dueDate: "2026-09-20", principal: "10000.00", interest: "100.00" }] });
    const text = "合同编号,借款人,银行流水号,还款日期（YYYY-MM-DD）,本金（元）,利息（元）,罚息（元）\r\nHT-9,,LS\u00001,2026-03-20,100,0,0";
    const before = await tableState();
    const error = await refusal(importRepayments(bank.officer, { file: new TextEncoder().encode(text) }));
    expect(error.fieldErrors?.file?.[0]).toContain("空字符");
    expect(await prisma.repayment.count()).toBe(0);
    expect(await tableState()).toEqual(before);
  });

  it("a bank decision recorded by county staff on an application not yet sent to a bank is a conflict", async () => {
    const { id: householdId } = await createHousehold(cadre, householdInput());
    const village = c.townships[0].villages[0];
    const app = await prisma.application.create({
      data: {
        kind: "household", status: "countyApproved", countyId: c.county.id, townshipId: c.townships[0].id, villageId: village.id, householdId,
        amount: "50000", termMonths: 12, purpose: "breeding", projectDescription: "养牛", repaymentSource: "出栏", createdById: cadre.userId,
      },
    });
    const before = await tableState();
    const error = await refusal(recordBankDecision(county, {
      id: app.id, outcome: "approved", contractNumber: "HT-1", approvedAmount: "50000", rate: "0.0435", termMonths: "12", disbursementDate: "2026-03-10",
    }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("尚未批转合作银行");
    expect(await tableState()).toEqual(before);
  });
});
