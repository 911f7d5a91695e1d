import "server-only";
import { z } from "zod";
import { requiredText, isoDate } from "../validation";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { day, iso, loadLoanInScope } from "./loan-records";

export const LOAN_CHANGE_KIND_LABELS = { extension: "展期", renewal: "续贷", instalmentPlan: "分期还款计划" } as const;

/**
 * The lending bank asks for an extension (展期) of a loan whose term does not match the production
 * cycle, or a renewal (续贷, also during the buffer; G 二(八)1, P-Risk 二(五)); the county centre
 * decides. The bank's request is its consent; the poverty office's approval is the other one.
 */
export const requestLoanChange = defineMutation({
  name: "loan.requestChange",
  roles: ["bank_officer"],
  input: z.discriminatedUnion("kind", [
    z.object({
      loanId: z.string(),
      kind: z.literal("extension"),
      newMaturity: isoDate("展期后到期日"),
      reason: requiredText(500, "理由"),
    }),
    z.object({
      loanId: z.string(),
      kind: z.enum(["renewal", "instalmentPlan"]),
      termMonths: z.coerce.number({ error: "请填写期限" }).int("期限须为整月数").min(1, "期限须为整月数").max(36, "期限不能超过 36 个月"),
      reason: requiredText(500, "理由"),
    }),
  ], { error: "请选择申请类型" }),
  async run({ actor, input, tx, audit }) {
    const loan = await loadLoanInScope(tx, actor, input.loanId);
    if (input.kind === "extension") {
      // The buffer starts the day after a missed due date (§15.5): an extension is asked for before.
      if (!["repaying", "overdue", "renewed"].includes(loan.status)) throw new AppError("RULE_VIOLATION", "该贷款当前状态不能申请展期（展期须在到期前申请）。");
      if (input.newMaturity <= iso(loan.maturityDate)) throw AppError.field("newMaturity", `展期后到期日须晚于原到期日 ${iso(loan.maturityDate)}`);
    } else if (!["repaying", "overdue", "inBuffer", "extended", ...(input.kind === "instalmentPlan" ? ["renewed"] : [])].includes(loan.status)) {
      throw new AppError("RULE_VIOLATION", `该贷款当前状态不能申请${LOAN_CHANGE_KIND_LABELS[input.kind]}。`);
    }
    const pending = await tx.loanChange.findFirst({ where: { loanId: loan.id, status: "requested" } });
    if (pending) throw new AppError("CONFLICT", "该贷款已有待审批的变更申请。");
    const change = await tx.loanChange.create({
      data: {
        loanId: loan.id, kind: input.kind, reason: input.reason, requestedById: actor.userId,
        ...(input.kind === "extension" ? { newMaturity: day(input.newMaturity) } : { details: { termMonths: input.termMonths } }),
      },
    });
    await audit({ action: "loan.requestChange", entity: "LoanChange", entityId: change.id, countyId: loan.countyId, after: input });
    return { id: change.id };
  },
});
