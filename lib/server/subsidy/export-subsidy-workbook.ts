import "server-only";
import ExcelJS from "exceljs";
import { z } from "zod";
import type { SubsidyKind } from "@/generated/prisma/client";
import { D, type Dec } from "@/lib/domain/decimal";
import { AppError } from "../errors";
import { defineQuery } from "../use-case";
import { runLines } from "./run-lines";
import { KIND_LABELS, quarterLabel, RUN_STATUS_LABELS, runNumber, runScope } from "./subsidy-records";

const MONEY_FORMAT = "#,##0.00";
const KINDS: SubsidyKind[] = ["interest", "enterprise", "guaranteeFee"];
/** A numeric cell for the finance bureau's sums, made from the exact decimal string. */
const cell = (d: Dec) => Number(d.toFixed(2));

/**
 * One quarter's claims of the county as an Excel workbook (issue 7, step 3): a summary per bank,
 * a summary per township and every line, each with a total row equal to the sum of its rows.
 */
export const exportSubsidyWorkbook = defineQuery({
  name: "subsidy.export",
  roles: ["county_officer", "finance_officer", "bank_officer", "auditor"],
  input: z.object({ year: z.coerce.number().int().min(2015).max(2100), quarter: z.coerce.number().int().min(1).max(4) }),
  async run({ actor, input, tx }) {
    const runs = await tx.subsidyRun.findMany({ where: { ...runScope(actor), year: input.year, quarter: input.quarter }, orderBy: { serial: "asc" } });
    if (runs.length === 0) throw AppError.notFound(`${quarterLabel(input.year, input.quarter)}贴息申报`);
    const banks = await tx.bank.findMany({ where: { id: { in: runs.map((r) => r.bankId) } }, select: { id: true, name: true } });
    const bankName = new Map(banks.map((b) => [b.id, b.name]));
    const { lines, clawbacks } = await runLines(tx, runs);

    const workbook = new ExcelJS.Workbook();
    workbook.creator = "扶贫小额信贷管理平台";
    const money = (sheet: ExcelJS.Worksheet, keys: string[]) => keys.forEach((k) => (sheet.getColumn(k).numFmt = MONEY_FORMAT));
    const bold = (row: ExcelJS.Row) => (row.font = { bold: true });

    const byBank = workbook.addWorksheet("按银行汇总");
    byBank.columns = [
      { header: "申报编号", key: "number", width: 11 }, { header: "合作银行", key: "bank", width: 22 }, { header: "状态", key: "status", width: 20 },
      ...KINDS.map((k) => ({ header: `${KIND_LABELS[k]}（元）`, key: k, width: 16 })),
      { header: "追回扣减（元）", key: "clawbacks", width: 14 }, { header: "应拨付合计（元）", key: "net", width: 16 },
    ];
    bold(byBank.getRow(1));
    const grand = { interest: new D(0), enterprise: new D(0), guaranteeFee: new D(0), clawbacks: new D(0), net: new D(0) };
    for (const run of runs) {
      const of = lines.filter((l) => l.runId === run.id);
      const sums = Object.fromEntries(KINDS.map((k) => [k, of.filter((l) => l.kind === k).reduce((s, l) => s.plus(l.amount), new D(0))])) as Record<SubsidyKind, Dec>;
      const claw = clawbacks.filter((c) => c.runId === run.id).reduce((s, c) => s.plus(c.amount), new D(0));
      const net = KINDS.reduce((s, k) => s.plus(sums[k]), new D(0)).minus(claw);
      KINDS.forEach((k) => (grand[k] = grand[k].plus(sums[k])));
      grand.clawbacks = grand.clawbacks.plus(claw);
      grand.net = grand.net.plus(net);
      byBank.addRow({
        number: runNumber(run), bank: bankName.get(run.bankId) ?? "", status: RUN_STATUS_LABELS[run.status],
        ...Object.fromEntries(KINDS.map((k) => [k, cell(sums[k])])), clawbacks: cell(claw), net: cell(net),
      });
    }
    bold(byBank.addRow({ number: "合计", ...Object.fromEntries(KINDS.map((k) => [k, cell(grand[k])])), clawbacks: cell(grand.clawbacks), net: cell(grand.net) }));
    money(byBank, [...KINDS, "clawbacks", "net"]);

    const byTownship = workbook.addWorksheet("按乡镇汇总");
    byTownship.columns = [
      { header: "乡镇", key: "township", width: 18 }, { header: "笔数", key: "count", width: 8 },
      ...KINDS.map((k) => ({ header: `${KIND_LABELS[k]}（元）`, key: k, width: 16 })), { header: "合计（元）", key: "total", width: 16 },
    ];
    bold(byTownship.getRow(1));
    const townships = [...new Set(lines.map((l) => l.township))].sort((a, b) => a.localeCompare(b, "zh"));
    for (const township of townships) {
      const of = lines.filter((l) => l.township === township);
      const sums = KINDS.map((k) => of.filter((l) => l.kind === k).reduce((s, l) => s.plus(l.amount), new D(0)));
      byTownship.addRow({ township, count: of.length, ...Object.fromEntries(KINDS.map((k, i) => [k, cell(sums[i])])), total: cell(sums.reduce((s, x) => s.plus(x), new D(0))) });
    }
    bold(byTownship.addRow({
      township: "合计", count: lines.length, ...Object.fromEntries(KINDS.map((k) => [k, cell(grand[k])])),
      total: cell(KINDS.reduce((s, k) => s.plus(grand[k]), new D(0))),
    }));
    money(byTownship, [...KINDS, "total"]);

    const detail = workbook.addWorksheet("明细", { views: [{ state: "frozen", ySplit: 1 }] });
    detail.columns = [
      { header: "合作银行", key: "bank", width: 20 }, { header: "乡镇", key: "township", width: 14 }, { header: "合同编号", key: "contract", width: 18 },
      { header: "借款人", key: "borrower", width: 14 }, { header: "类别", key: "kind", width: 14 }, { header: "计息天数", key: "days", width: 9 },
      { header: "贴息天数", key: "subsidisedDays", width: 9 }, { header: "贴息利率", key: "rate", width: 10 }, { header: "金额（元）", key: "amount", width: 14 },
      { header: "说明", key: "reason", width: 40 },
    ];
    bold(detail.getRow(1));
    const runBank = new Map(runs.map((r) => [r.id, bankName.get(r.bankId) ?? ""]));
    for (const l of lines) {
      const row = detail.addRow({
        bank: runBank.get(l.runId), township: l.township, contract: l.contractNumber, borrower: l.borrower, kind: l.kindLabel, days: l.days,
        subsidisedDays: l.subsidisedDays, rate: l.rate, amount: cell(new D(l.amount)), reason: l.reason ?? "",
      });
      row.getCell("contract").numFmt = "@";
    }
    bold(detail.addRow({ bank: "合计", amount: cell(lines.reduce((s, l) => s.plus(l.amount), new D(0))) }));
    money(detail, ["amount"]);

    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    return { bytes, fileName: `贴息汇总-${input.year}年第${input.quarter}季度.xlsx`, asciiFileName: `subsidy-${input.year}-q${input.quarter}.xlsx` };
  },
});
