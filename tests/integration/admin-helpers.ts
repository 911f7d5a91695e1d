import ExcelJS from "exceljs";
import { expect } from "vitest";
import { AppError } from "@/lib/server/errors";
import { prisma } from "./fixtures";

/** The AppError a use case rejected with (fails the test when it resolved or threw something else). */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A one-sheet .xlsx: the header row, then the rows. */
export async function workbook(headers: string[], rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Sheet1");
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function auditActions(entityId?: string): Promise<string[]> {
  const rows = await prisma.auditEvent.findMany({ where: entityId ? { entityId } : {}, orderBy: { id: "asc" } });
  return rows.map((r) => r.action);
}
