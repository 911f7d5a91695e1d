import { beforeEach, describe, expect, it } from "vitest";
import type { ApplicationStatus } from "@/generated/prisma/client";
import { todoCounts } from "@/lib/server/applications/todo-counts";
import { householdInput, makeActor, makeCounty, prisma, resetDb, type TestCounty, validId } from "./fixtures";
import { makeBank } from "./loans-fixtures";

let c: TestCounty;
let other: TestCounty;
let n = 0;

/** An application in `status` in the county's township `t`, village 0 (batched to `bankId` if given). */
async function application(county: TestCounty, t: number, status: ApplicationStatus, bankId?: string) {
  const township = county.townships[t];
  const village = township.villages[0];
  const household = await prisma.household.create({
    data: {
      ...householdInput({ idNumber: validId("410499", "19800101", String(100 + ++n).slice(-3)) }),
      headName: `申请人${n}`, membersCount: 3, status: "registeredPoor", labourCapacity: "full", creditGrade: "A",
      villageId: village.id, townshipId: township.id, countyId: county.county.id,
    },
  });
  const batch = bankId
    ? await prisma.batch.create({ data: { countyId: county.county.id, bankId, createdById: "test", sentOn: new Date("2026-03-02T00:00:00Z"), deadline: new Date("2026-03-16T00:00:00Z") } })
    : null;
  await prisma.application.create({
    data: {
      kind: "household", status, countyId: county.county.id, townshipId: township.id, villageId: village.id, householdId: household.id,
      amount: "20000", termMonths: 12, purpose: "breeding", projectDescription: "养羊", repaymentSource: "出栏", createdById: "test",
      batchId: batch?.id ?? null,
    },
  });
}

const counts = (list: { key: string; count: number }[]) => Object.fromEntries(list.map((t) => [t.key, t.count]));

describe("the navigation's to-do counts (待办)", () => {
  beforeEach(async () => {
    await resetDb();
    c = await makeCounty("410401");
    other = await makeCounty("410402");
  });

  it("counts each role's statuses within its own area, and its bank's batches for a bank", async () => {
    const { bankId, officer } = await makeBank(c);
    const otherBank = await makeBank(c, "另一家银行");
    await application(c, 0, "publicityPassed");
    await application(c, 1, "publicityPassed");
    await application(c, 0, "countyApproved");
    await application(c, 0, "submitted");
    await application(c, 1, "submitted");
    await application(c, 1, "objection");
    await application(c, 0, "batched", bankId);
    await application(c, 0, "batched", otherBank.bankId);
    await application(other, 0, "publicityPassed");

    const county = await makeActor("county_officer", c.county.id);
    expect(await todoCounts(county, {})).toEqual([
      { key: "publicityPassed", label: "待县中心审批的申请", href: "/applications?status=publicityPassed", count: 2 },
      { key: "countyApproved", label: "待批转银行的申请", href: "/batches", count: 1 },
    ]);
    expect(counts(await todoCounts(await makeActor("township_officer", c.townships[1].id), {}))).toEqual({ submitted: 1, townshipReviewed: 0, objection: 1 });
    expect(counts(await todoCounts(officer, {}))).toEqual({ batched: 1, bankApproved: 0 });
    expect(await todoCounts(await makeActor("finance_officer", c.county.id), {})).toEqual([]);
  });
});
