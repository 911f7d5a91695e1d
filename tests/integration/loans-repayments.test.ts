import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { importRepayments } from "@/lib/server/loans/import-repayments";
import { recordRepayment } from "@/lib/server/loans/record-repayment";
import { repaymentTemplate } from "@/lib/server/loans/repayment-template";
import { activateProfile, makeActor, makeCounty, prisma, resetDb, seedCalendar, setNow, type TestCounty } from "./fixtures";
import { loanState, makeBank, makeLoan } from "./loans-fixtures";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const SCHEDULE = [
  { dueDate: "2026-03-20", principal: "0.00", interest: "100.00" },
  { dueDate: "2026-06-20", principal: "0.00", interest: "200.00" },
  { dueDate: "2026-09-20", principal: "10000.00", interest: "200.00" },
];

const HEADERS = ["合同编号", "借款人", "银行流水号", "还款日期（YYYY-MM-DD）", "本金（元）", "利息（元）", "罚息（元）"];

async function workbook(rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("还款明细");
  sheet.addRow(HEADERS);
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("repayments (real PostgreSQL)", () => {
  let c: TestCounty;
  let bank: { bankId: string; officer: Actor };
  let otherBank: { bankId: string; officer: Actor };
  let county: Actor;

  beforeEach(async () => {
    await resetDb();
    setNow("2026-04-01T02:00:00Z");
    c = await makeCounty("410101");
    await activateProfile(c.county.id);
    await seedCalendar(c.county.id);
    bank = await makeBank(c);
    otherBank = await makeBank(c, "另一家银行");
    county = await makeActor("county_officer", c.county.id);
  });
  afterEach(() => setNow(null));

  it("applies partial repayments oldest instalment first, interest and principal, and settles the loan when all is paid", async () => {
    setNow("2026-03-20T02:00:00Z");
    const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: SCHEDULE });
    await recordRepayment(bank.officer, { loanId: loan.id, reference: "R1", paidOn: "2026-03-20", principal: "0", interest: "60.50", penalty: "" });
    expect((await loanState(loan.id)).items).toEqual([
      ["partial", "0.00", "60.50", "100.00"], ["due", "0.00", "0.00", "200.00"], ["due", "0.00", "0.00", "200.00"],
    ]);
    setNow("2026-04-01T02:00:00Z");
    // 39.50 finishes the first instalment, 100 goes to the second; 4000 principal to the last.
    await recordRepayment(county, { loanId: loan.id, reference: "R2", paidOn: "2026-03-31", principal: "4000", interest: "139.50", penalty: "5.00" });
    let s = await loanState(loan.id);
    expect(s.outstanding).toBe("6000.00");
    expect(s.status).toBe("repaying");
    expect(s.items).toEqual([
      ["paid", "0.00", "100.00", "100.00"], ["partial", "0.00", "100.00", "200.00"], ["partial", "4000.00", "0.00", "200.00"],
    ]);
    // Over-payment is refused with the reason at the field, nothing written.
    const over = await rejection(recordRepayment(bank.officer, { loanId: loan.id, reference: "R3", paidOn: "2026-04-01", principal: "6000.01", interest: "0", penalty: "0" }));
    expect(over.fieldErrors?.principal?.[0]).toContain("超过未还本金");
    // Early payoff: the rest of the principal with the interest charged; future interest is no longer owed.
    await recordRepayment(bank.officer, { loanId: loan.id, reference: "R3", paidOn: "2026-04-01", principal: "6000", interest: "50", penalty: "0" });
    s = await loanState(loan.id);
    expect(s.status).toBe("repaid");
    expect(s.outstanding).toBe("0.00");
    expect(s.items.map((i) => i[0])).toEqual(["paid", "paid", "paid"]);
    expect(await prisma.repayment.count({ where: { loanId: loan.id } })).toBe(3);
    expect((await rejection(recordRepayment(bank.officer, { loanId: loan.id, reference: "R4", paidOn: "2026-04-01", principal: "1", interest: "0", penalty: "0" }))).message).toContain("已结清");
  });

  it("a bank officer sees only its own bank's loans; a repeated reference is recognised, a reused one refused", async () => {
    const loan = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: SCHEDULE });
    expect((await rejection(recordRepayment(otherBank.officer, { loanId: loan.id, reference: "X", paidOn: "2026-03-20", principal: "0", interest: "1", penalty: "0" }))).code).toBe("NOT_FOUND");
    const first = await recordRepayment(bank.officer, { loanId: loan.id, reference: "R1", paidOn: "2026-03-20", principal: "0", interest: "100", penalty: "0" });
    const again = await recordRepayment(bank.officer, { loanId: loan.id, reference: "R1", paidOn: "2026-03-20", principal: "0", interest: "100.00", penalty: "0" });
    expect(again.unchanged).toBe(true);
    expect(again.repaymentId).toBe(first.repaymentId);
    const reused = await rejection(recordRepayment(bank.officer, { loanId: loan.id, reference: "R1", paidOn: "2026-03-21", principal: "0", interest: "100", penalty: "0" }));
    expect(reused.fieldErrors?.reference?.[0]).toContain("已登记");
    expect(await prisma.repayment.count()).toBe(1);
  });

  it("an uploaded file is all or nothing with per-row errors, and re-uploading it changes nothing", async () => {
    const a = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: SCHEDULE, contractNumber: "HT-A" });
    const b = await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: SCHEDULE, contractNumber: "HT-B" });
    const bad = await workbook([
      ["HT-A", "", "T1", "2026/3/20", 0, 100, 0],
      ["HT-Z", "", "T2", "2026-03-20", 0, 100, 0],
      ["HT-B", "", "T3", "20260320", 0, 100, 0],
      ["HT-B", "", "T1", "2026-03-20", 0, 100, 0],
      ["HT-B", "", "T4", "2026-03-20", 5, "abc", 0],
      ["HT-B", "", "T5", "2026-03-20", 20000, 0, 0],
    ]);
    const error = await rejection(importRepayments(bank.officer, { file: bad }));
    expect(error.message).toContain("5 处错误，未写入任何数据");
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual([
      "rows.3.合同编号", "rows.4.还款日期（YYYY-MM-DD）", "rows.5.银行流水号", "rows.6.利息（元）", "rows.7.本金（元）",
    ].sort());
    expect(error.fieldErrors?.["rows.5.银行流水号"]?.[0]).toContain("与第 2 行重复");
    expect(await prisma.repayment.count()).toBe(0);

    const good = await workbook([
      ["HT-A", "借款人", "T1", "2026-03-20", 0, 100, 0],
      ["HT-B", "", "T2", "2026-03-20", 0, 60, 0],
      ["HT-B", "", "T3", "2026-03-25", 1000, 40, 2.5],
      ["HT-A", "只有合同号的行被跳过", "", "", "", "", ""],
    ]);
    expect(await importRepayments(bank.officer, { file: good })).toEqual({ applied: 3, repaid: 0, unchanged: 0, skipped: 1 });
    const before = [await loanState(a.id), await loanState(b.id)];
    expect(before[1].outstanding).toBe("9000.00");
    expect(before[1].items[0]).toEqual(["paid", "0.00", "100.00", "100.00"]);

    expect(await importRepayments(bank.officer, { file: good })).toEqual({ applied: 0, repaid: 0, unchanged: 3, skipped: 1 });
    expect([await loanState(a.id), await loanState(b.id)]).toEqual(before);
    expect(await prisma.repayment.count()).toBe(3);

    // The same repayments as a UTF-8 CSV (uploaded by the county) are recognised too.
    const csv = `${HEADERS.join(",")}\r\nHT-A,,T1,2026-03-20,0,100.00,0\r\n"HT-B",,T2,2026-03-20,0,60,0\r\n`;
    const utf8 = new TextEncoder().encode(csv);
    expect(await importRepayments(county, { file: utf8 })).toEqual({ applied: 0, repaid: 0, unchanged: 2, skipped: 0 });
  });

  it("the template lists the bank's own loans still being repaid", async () => {
    await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: SCHEDULE, contractNumber: "HT-MINE" });
    await makeLoan({ c, bankId: otherBank.bankId, principal: "10000.00", schedule: SCHEDULE, contractNumber: "HT-THEIRS" });
    const file = await repaymentTemplate(bank.officer, {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(sheet.getRow(2).getCell(1).value).toBe("HT-MINE");
    expect(sheet.rowCount).toBe(2);
  });
});
