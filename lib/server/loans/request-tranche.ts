import "server-only";
import { z } from "zod";
import { D } from "@/lib/domain/decimal";
import { AppError } from "../errors";
import { requiredText } from "../validation";
import { defineMutation } from "../use-case";
import { lockLoans } from "./loan-records";
import { loadLargeLoan, trancheState } from "./tranche-records";

/**
 * A tranche of a large loan is asked for against the use-of-funds plan, with its evidence
 * (contracts, invoices) and the payee the bank will pay directly (受托支付); the county approves.
 */
export const requestTranche = defineMutation({
  name: "loan.requestTranche",
  roles: ["township_officer", "county_officer"],
  input: z.object({
    loanId: z.string(),
    amount: z.string({ error: "请填写金额" }).trim().transform((v) => v.replace(/[,，]/g, ""))
      .pipe(z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, "金额须为正数，最多两位小数").refine((v) => /[1-9]/.test(v), "金额须大于 0")),
    purpose: requiredText(200, "用途（对应资金使用计划）"),
    evidence: requiredText(1000, "凭证说明（合同、发票等）"),
    payee: requiredText(100, "收款人（受托支付对象）"),
  }),
  async run({ actor, input, tx, audit }) {
    const loan = await loadLargeLoan(tx, actor, input.loanId);
    await lockLoans(tx, [loan.id]);
    const state = await trancheState(tx, loan.id);
    if (state.halted) throw new AppError("RULE_VIOLATION", "贷款银行已因资金挪用等原因停止后续支用。");
    const left = new D(loan.principal.toString()).minus(state.committed);
    if (new D(input.amount).gt(left)) throw AppError.field("amount", `超过尚可支用的 ${left.toFixed(2)} 元`);
    const tranche = await tx.tranche.create({
      data: { loanId: loan.id, seq: state.tranches.length + 1, amount: input.amount, purpose: input.purpose, evidence: input.evidence, payee: input.payee, requestedById: actor.userId },
    });
    await audit({ action: "loan.requestTranche", entity: "Tranche", entityId: tranche.id, countyId: loan.countyId, after: input });
    return { id: tranche.id, seq: tranche.seq };
  },
});
