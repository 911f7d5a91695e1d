import type { z } from "zod";
import type { Role } from "@/lib/domain/roles";
import { DomainError } from "@/lib/domain/errors";
import type { Actor } from "./actor";
import { type AuditInput, writeAuditsLast } from "./audit";
import { now } from "./clock";
import { prisma, type Tx } from "./db";
import { AppError, type FieldErrors } from "./errors";
import { unstorableTextErrors, zodFieldErrors } from "./validation";

type Context<I> = { actor: Actor; input: I; tx: Tx; now: Date };
type MutationContext<I> = Context<I> & { audit: (entry: AuditInput) => Promise<void> };

export type UseCase<I, R> = ((actor: Actor, input: unknown) => Promise<R>) & {
  useCaseName: string;
  roles: readonly Role[];
  kind: "query" | "mutation";
  /** The zod schema the input is parsed with (read by the fuzz tests to build hostile inputs). */
  inputSchema: z.ZodType;
};

type Definition<S extends z.ZodType, R, C> = {
  name: string;
  roles: readonly Role[];
  input: S;
  run: (ctx: C) => Promise<R>;
  /** Maps a unique-constraint violation (constraint fields) to a field error. */
  onUniqueViolation?: (fields: string[]) => AppError | undefined;
  /**
   * The transaction's time limit when Prisma's 5-second default is too short: a use case that
   * reads and writes a bank's whole book (a subsidy quarter, a statement) in one transaction.
   */
  timeoutMs?: number;
};

function authorise(name: string, roles: readonly Role[], actor: Actor) {
  if (!roles.includes(actor.role)) {
    throw new AppError("FORBIDDEN", "您的角色无权执行此操作。");
  }
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("VALIDATION", "提交的内容有误，请检查标出的字段。", zodFieldErrors(parsed.error));
  }
  const unstorable = unstorableTextErrors(parsed.data);
  if (Object.keys(unstorable).length > 0) throw new AppError("VALIDATION", "提交的内容有误，请检查标出的字段。", unstorable);
  return parsed.data;
}

function uniqueFields(error: unknown): string[] | null {
  const e = error as { code?: string; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } };
  if (e?.code !== "P2002") return null;
  const fromAdapter = e.meta?.driverAdapterError?.cause?.constraint?.fields;
  if (Array.isArray(fromAdapter)) return fromAdapter.map((f) => f.replace(/"/g, ""));
  return Array.isArray(e.meta?.target) ? (e.meta.target as string[]) : [];
}

function mapKnownErrors(error: unknown, onUnique?: (fields: string[]) => AppError | undefined): unknown {
  if (error instanceof DomainError) {
    const fieldErrors: FieldErrors | undefined = error.field ? { [error.field]: [error.message] } : undefined;
    return new AppError("RULE_VIOLATION", error.message, fieldErrors);
  }
  // P2028: no connection or transaction could be had in time (a burst, or the database away).
  if ((error as { code?: string })?.code === "P2028") {
    return new AppError("CONFLICT", "系统繁忙，暂时无法完成此操作，请稍后重试。");
  }
  const fields = uniqueFields(error);
  if (fields) {
    return onUnique?.(fields) ?? new AppError("CONFLICT", "该记录已存在（可能刚被他人提交），请刷新后重试。");
  }
  return error;
}

/** A read: role check and zod parse; no transaction, no audit. */
export function defineQuery<S extends z.ZodType, R>(def: Definition<S, R, Context<z.infer<S>>>): UseCase<z.infer<S>, R> {
  const run = async (actor: Actor, raw: unknown) => {
    authorise(def.name, def.roles, actor);
    const input = parse(def.input, raw);
    return def.run({ actor, input, tx: prisma, now: now() });
  };
  return Object.assign(run, { useCaseName: def.name, roles: def.roles, kind: "query" as const, inputSchema: def.input });
}

/**
 * A state change: role check, zod parse, then the whole use case in ONE transaction together
 * with its audit rows. A mutation that writes no audit row is a bug and is rolled back.
 */
export function defineMutation<S extends z.ZodType, R>(
  def: Definition<S, R, MutationContext<z.infer<S>>>,
): UseCase<z.infer<S>, R> {
  const run = async (actor: Actor, raw: unknown) => {
    authorise(def.name, def.roles, actor);
    const input = parse(def.input, raw);
    try {
      return await prisma.$transaction(
        async (tx) => {
          const entries: AuditInput[] = [];
          const audit = async (entry: AuditInput) => {
            entries.push(entry);
          };
          const result = await def.run({ actor, input, tx, now: now(), audit });
          if (entries.length === 0) throw new Error(`use case ${def.name} changed state without an audit row`);
          await writeAuditsLast(tx, actor, entries);
          return result;
        },
        // A burst of requests may queue for a pooled connection longer than Prisma's 2 s default.
        { timeout: def.timeoutMs ?? 5_000, maxWait: def.timeoutMs ? 30_000 : 10_000 },
      );
    } catch (error) {
      throw mapKnownErrors(error, def.onUniqueViolation);
    }
  };
  return Object.assign(run, { useCaseName: def.name, roles: def.roles, kind: "mutation" as const, inputSchema: def.input });
}

/**
 * Work the portal does by itself (a publicity period ending, the daily job): one transaction,
 * audited with no actor, never reachable from a form.
 */
export async function runSystemTask<R>(
  name: string,
  run: (ctx: { tx: Tx; now: Date; audit: (entry: AuditInput) => Promise<void> }) => Promise<R>,
): Promise<R> {
  return prisma.$transaction(async (tx) => {
    const entries: AuditInput[] = [];
    const result = await run({ tx, now: now(), audit: async (entry) => void entries.push(entry) });
    await writeAuditsLast(tx, null, entries);
    return result;
  });
}
