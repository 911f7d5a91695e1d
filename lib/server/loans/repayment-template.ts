import "server-only";
import { z } from "zod";
import type { FileDownload } from "../file-response";
import { defineQuery } from "../use-case";
import { borrowerNames } from "./borrowers";
import { loanScope, REPAYING_STATES } from "./loan-records";
import { writeRepaymentTemplate } from "./repayment-file";

/** The repayment template, listing the actor's loans still being repaid. */
export const repaymentTemplate = defineQuery({
  name: "loan.repaymentTemplate",
  roles: ["bank_officer", "county_officer"],
  input: z.object({}).optional().default({}),
  async run({ actor, tx }): Promise<FileDownload> {
    const loans = await tx.loan.findMany({
      where: { ...loanScope(actor), status: { in: [...REPAYING_STATES] } },
      orderBy: { contractNumber: "asc" },
      take: 5000,
    });
    const names = await borrowerNames(tx, loans);
    const bytes = await writeRepaymentTemplate(loans.map((l) => ({ contractNumber: l.contractNumber, borrower: names.get(l.id) ?? "" })));
    return {
      bytes,
      fileName: "还款登记模板.xlsx",
      asciiFileName: "repayment-template.xlsx",
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
  },
});
