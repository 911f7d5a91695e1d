import "server-only";
import { z } from "zod";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { isoDate } from "../validation";
import { day, lockLoans } from "./loan-records";
import { loadLargeLoan } from "./tranche-records";

/**
 * A tranche's next step, compare-and-swap on its status: the county approves or rejects a
 * request; the bank records the entrusted payment of an approved one (受托支付, to the payee);
 * the bank halts every tranche not yet paid on misuse (no further tranches then).
 */
export const updateTranche = defineMutation({
  name: "loan.updateTranche",
  roles: ["county_officer", "bank_officer"],
  input: z.discriminatedUnion("action", [
    z.object({ action: z.literal("approve"), trancheId: z.string() }),
    z.object({ action: z.literal("reject"), trancheId: z.string() }),
    z.object({ action: z.literal("pay"), trancheId: z.string(), paidOn: isoDate("支付日期") }),
    z.object({ action: z.literal("halt"), loanId: z.string(), reason: z.string().trim().min(1, "请填写停止支用的原因").max(500) }),
  ], { error: "操作无效" }),
  async run({ actor, input, tx, audit, now }) {
    if (input.action === "halt") {
      if (actor.role !== "bank_officer") throw new AppError("FORBIDDEN", "只有贷款银行可以停止后续支用。");
      const loan = await loadLargeLoan(tx, actor, input.loanId);
      await lockLoans(tx, [loan.id]);
      const halted = await tx.tranche.updateMany({ where: { loanId: loan.id, status: { in: ["requested", "approved"] } }, data: { status: "halted", decidedById: actor.userId } });
      // A halt with nothing pending still stops later requests: it is recorded as a halted tranche of 0.
      if (halted.count === 0) {
        const seq = (await tx.tranche.count({ where: { loanId: loan.id } })) + 1;
        await tx.tranche.create({ data: { loanId: loan.id, seq, amount: "0", purpose: "停止后续支用", evidence: input.reason, status: "halted", requestedById: actor.userId, decidedById: actor.userId } });
      }
      await audit({ action: "loan.haltTranches", entity: "Loan", entityId: loan.id, countyId: loan.countyId, after: { reason: input.reason, halted: halted.count } });
      return { status: "halted" };
    }
    if (!/^[0-9a-f-]{36}$/i.test(input.trancheId)) throw AppError.notFound("支用申请");
    const tranche = await tx.tranche.findUnique({ where: { id: input.trancheId } });
    if (!tranche) throw AppError.notFound("支用申请");
    const loan = await loadLargeLoan(tx, actor, tranche.loanId);
    const step = {
      approve: { role: "county_officer", from: "requested", to: "approved" },
      reject: { role: "county_officer", from: "requested", to: "rejected" },
      pay: { role: "bank_officer", from: "approved", to: "paid" },
    } as const;
    const s = step[input.action];
    if (actor.role !== s.role) throw new AppError("FORBIDDEN", input.action === "pay" ? "受托支付由贷款银行登记。" : "支用申请由县中心审批。");
    if (input.action === "pay" && input.paidOn > shanghaiToday(now)) throw AppError.field("paidOn", "支付日期不能晚于今天");
    const updated = await tx.tranche.updateMany({
      where: { id: tranche.id, status: s.from },
      data: { status: s.to, decidedById: input.action === "pay" ? tranche.decidedById : actor.userId, ...(input.action === "pay" ? { paidOn: day(input.paidOn) } : {}) },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", "该支用申请的状态已变化，请刷新页面。");
    await audit({ action: `loan.tranche.${input.action}`, entity: "Tranche", entityId: tranche.id, countyId: loan.countyId, before: { status: tranche.status }, after: { status: s.to } });
    return { status: s.to };
  },
});
