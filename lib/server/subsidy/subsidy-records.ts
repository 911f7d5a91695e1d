import "server-only";
import type { Prisma, SubsidyKind, SubsidyRun, SubsidyRunStatus, StatementLineStatus } from "@/generated/prisma/client";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { AppError } from "../errors";
import type { UseCase } from "../use-case";

export const iso = (d: Date) => d.toISOString().slice(0, 10);
export const day = (d: string) => new Date(`${d}T00:00:00Z`);

export const RUN_STATUS_LABELS = {
  computed: "已计算，待对账",
  reconciled: "已对账，待审核认定",
  certified: "已审核认定，待财政审批",
  approved: "财政已审批，待拨付",
  paid: "已拨付",
} as const satisfies Record<SubsidyRunStatus, string>;

export const KIND_LABELS = {
  interest: "农户贷款贴息",
  enterprise: "带贫主体贴息",
  guaranteeFee: "担保费补贴",
} as const satisfies Record<SubsidyKind, string>;

export const STATEMENT_STATUS_LABELS = {
  matched: "一致",
  differs: "金额不一致",
  missingInPortal: "平台无此贷款",
  missingInStatement: "银行对账单未列",
  resolved: "已处理",
} as const satisfies Record<StatementLineStatus, string>;

/** Lines paid to the bank's borrowers (and compared with its statement); guarantee fees go to the agency. */
export const BANK_KINDS: readonly SubsidyKind[] = ["interest", "enterprise"];

export function runNumber(run: Pick<SubsidyRun, "serial">): string {
  return `TX${String(run.serial).padStart(5, "0")}`;
}

export function quarterLabel(year: number, quarter: number): string {
  return `${year} 年第 ${quarter} 季度`;
}

/** Runs an actor may see: the county's for county, finance and auditors; a bank officer its own bank's. */
export function runScope(actor: Actor): Prisma.SubsidyRunWhereInput {
  if (actor.role === "bank_officer") {
    if (!actor.bankId || !actor.countyId) throw new AppError("FORBIDDEN", "账户未关联合作银行，请联系系统管理员。");
    return { countyId: actor.countyId, bankId: actor.bankId };
  }
  if (actor.role === "auditor" && !actor.countyId) return {};
  if (!actor.countyId) throw new AppError("FORBIDDEN", "账户未配置所属县，请联系系统管理员。");
  return { countyId: actor.countyId };
}

export async function loadRunInScope(tx: Tx, actor: Actor, id: string): Promise<SubsidyRun> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw AppError.notFound("贴息申报");
  const run = await tx.subsidyRun.findFirst({ where: { id, ...runScope(actor) } });
  if (!run) throw AppError.notFound("贴息申报");
  return run;
}

/**
 * Compare-and-swap of a run's status: only from the status and version read; 0 rows means
 * someone else moved it first.
 */
export async function moveRun(tx: Tx, run: SubsidyRun, from: SubsidyRunStatus, to: SubsidyRunStatus, data: Prisma.SubsidyRunUncheckedUpdateManyInput = {}) {
  if (run.status !== from) {
    throw new AppError("CONFLICT", `该贴息申报当前为“${RUN_STATUS_LABELS[run.status]}”，不能执行此操作（可能刚被他人处理，请刷新页面）。`);
  }
  const changed = await tx.subsidyRun.updateMany({
    where: { id: run.id, status: from, version: run.version },
    data: { ...data, status: to, version: { increment: 1 } },
  });
  if (changed.count !== 1) throw new AppError("CONFLICT", "该贴息申报刚被他人处理，状态已变化；请刷新页面查看最新状态。");
}

export const DOUBLE_SUBSIDY_MESSAGE = "同一笔贷款同一天不能重复贴息";

/**
 * Whether a database error is a refused double subsidy: a run overlapping another run of the
 * bank (exclusion constraint, SQLSTATE 23P01) or a second line for a loan and kind in one run.
 */
export function isDoubleSubsidyViolation(error: unknown): boolean {
  const seen = new Set<unknown>();
  const walk = (e: unknown): boolean => {
    if (!e || typeof e !== "object" || seen.has(e)) return false;
    seen.add(e);
    const o = e as Record<string, unknown>;
    if (o.code === "23P01" || o.originalCode === "23P01") return true;
    if (typeof o.message === "string" && /SubsidyRun_no_double_subsidy|SubsidyLine_loanId_kind_runId_key/.test(o.message)) return true;
    return ["cause", "meta", "driverAdapterError", "error"].some((k) => walk(o[k]));
  };
  return walk(error);
}

/** A use case whose database refusal of a double subsidy reaches the user as a clear conflict. */
export function mappingDoubleSubsidy<I, R>(useCase: UseCase<I, R>): UseCase<I, R> {
  const run = async (actor: Actor, input: unknown) => {
    try {
      return await useCase(actor, input);
    } catch (error) {
      if (isDoubleSubsidyViolation(error)) {
        throw new AppError("CONFLICT", `${DOUBLE_SUBSIDY_MESSAGE}：本季度的贴息期间与已申报的期间重叠，未写入任何数据。`);
      }
      throw error;
    }
  };
  return Object.assign(run, { useCaseName: useCase.useCaseName, roles: useCase.roles, kind: useCase.kind, inputSchema: useCase.inputSchema });
}
