import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { listLoans } from "@/lib/server/loans/list-loans";
import { makeActor, makeCounty, prisma, resetDb, type TestCounty } from "./fixtures";
import { makeBank, makeLoan } from "./loans-fixtures";

let c: TestCounty;
let bankA: { bankId: string; officer: Actor };
let bankB: { bankId: string; officer: Actor };
let county: Actor;

const twoInstalments = [
  { dueDate: "2026-03-20", principal: "0", interest: "100.00" },
  { dueDate: "2026-06-20", principal: "10000.00", interest: "100.00" },
];
const contracts = (r: Awaited<ReturnType<typeof listLoans>>) => r.loans.map((l) => l.contractNumber);

describe("the post-loan list (贷后管理): scope, filters, order, pages, and each loan's next and overdue instalment", () => {
  beforeAll(async () => {
    await resetDb();
    c = await makeCounty("410701");
    const other = await makeCounty("410702");
    bankA = await makeBank(c, "甲银行");
    bankB = await makeBank(c, "乙银行");
    const otherBank = await makeBank(other, "丙银行");
    county = await makeActor("county_officer", c.county.id);

    // A repaying loan with its first instalment paid: the next is the second.
    const a1 = await makeLoan({ c, bankId: bankA.bankId, principal: "10000.00", schedule: twoInstalments, disbursedOn: "2026-01-10", contractNumber: "A-100" });
    await prisma.scheduleItem.update({ where: { loanId_seq: { loanId: a1.id, seq: 1 } }, data: { status: "paid", interestPaid: "100.00" } });
    // An overdue loan of the other bank in township 1: overdue since its first instalment.
    const b1 = await makeLoan({ c, bankId: bankB.bankId, principal: "20000.00", schedule: twoInstalments, disbursedOn: "2026-01-05", contractNumber: "B_200", village: { township: 1, village: 0 } });
    await prisma.loan.update({ where: { id: b1.id }, data: { status: "overdue" } });
    await prisma.scheduleItem.update({ where: { loanId_seq: { loanId: b1.id, seq: 1 } }, data: { status: "overdue" } });
    // A repaid loan, and two more repaying ones disbursed later (newest first among equal statuses).
    const a2 = await makeLoan({ c, bankId: bankA.bankId, principal: "5000.00", schedule: twoInstalments, disbursedOn: "2026-01-02", contractNumber: "A-300" });
    await prisma.loan.update({ where: { id: a2.id }, data: { status: "repaid", outstandingPrincipal: "0" } });
    await prisma.scheduleItem.updateMany({ where: { loanId: a2.id }, data: { status: "paid" } });
    await makeLoan({ c, bankId: bankA.bankId, principal: "30000.00", schedule: twoInstalments, disbursedOn: "2026-02-01", contractNumber: "A-400" });
    await makeLoan({ c, bankId: bankB.bankId, principal: "40000.00", schedule: twoInstalments, disbursedOn: "2026-02-03", contractNumber: "B%500" });
    // Another county's loan, seen by nobody here.
    await makeLoan({ c: other, bankId: otherBank.bankId, principal: "1000.00", schedule: twoInstalments, contractNumber: "X-1" });
  });

  it("a county officer sees the county's unsettled loans, by status then newest disbursement first", async () => {
    const r = await listLoans(county, {});
    expect(contracts(r)).toEqual(["B%500", "A-400", "A-100", "B_200"]);
    expect(r).toMatchObject({ total: 4, page: 1, pages: 1, mayRecord: true });
    const [a400] = r.loans.filter((l) => l.contractNumber === "A-400");
    expect(a400).toMatchObject({ borrower: expect.stringMatching(/^借款人\d+$/), bank: "甲银行", principal: "30000.00", outstanding: "30000.00", status: "repaying", disbursedOn: "2026-02-01", maturityDate: "2026-06-20", nextDue: "2026-03-20", overdueSince: null });
    expect(r.loans.find((l) => l.contractNumber === "A-100")).toMatchObject({ nextDue: "2026-06-20", overdueSince: null });
    expect(r.loans.find((l) => l.contractNumber === "B_200")).toMatchObject({ bank: "乙银行", status: "overdue", nextDue: "2026-03-20", overdueSince: "2026-03-20" });
  });

  it("filters by status and by contract number (the text itself, never a pattern)", async () => {
    expect(contracts(await listLoans(county, { status: "all" }))).toEqual(["B%500", "A-400", "A-100", "B_200", "A-300"]);
    const repaid = await listLoans(county, { status: "repaid" });
    expect(contracts(repaid)).toEqual(["A-300"]);
    expect(repaid.loans[0]).toMatchObject({ outstanding: "0.00", nextDue: null, overdueSince: null });
    expect(contracts(await listLoans(county, { status: "overdue" }))).toEqual(["B_200"]);
    expect(contracts(await listLoans(county, { status: "all", q: "A-" }))).toEqual(["A-400", "A-100", "A-300"]);
    expect(contracts(await listLoans(county, { status: "all", q: "%" }))).toEqual(["B%500"]);
    expect(contracts(await listLoans(county, { status: "all", q: "_" }))).toEqual(["B_200"]);
    expect((await listLoans(county, { q: "无此合同" })).loans).toEqual([]);
  });

  it("a bank officer sees its own bank's loans; a township officer its township's; a village cadre its village's", async () => {
    expect(contracts(await listLoans(bankA.officer, { status: "all" }))).toEqual(["A-400", "A-100", "A-300"]);
    expect(contracts(await listLoans(bankB.officer, {}))).toEqual(["B%500", "B_200"]);
    const township = await makeActor("township_officer", c.townships[1].id);
    expect(contracts(await listLoans(township, { status: "all" }))).toEqual(["B_200"]);
    const cadre = await makeActor("village_cadre", c.townships[0].villages[0].id);
    expect(contracts(await listLoans(cadre, { status: "all" }))).toEqual(["B%500", "A-400", "A-100", "A-300"]);
    expect((await listLoans(cadre, {})).mayRecord).toBe(false);
  });

  it("pages of 50: a page past the last lists nothing but still counts every loan", async () => {
    const past = await listLoans(county, { page: "2" });
    expect(past).toMatchObject({ loans: [], total: 4, page: 2, pages: 1 });
    await expect(listLoans(county, { page: "0" })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
