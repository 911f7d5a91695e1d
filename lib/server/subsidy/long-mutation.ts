import "server-only";
import type { z } from "zod";
import { DomainError } from "@/lib/domain/errors";
import type { Actor } from "../actor";
import { type AuditInput, writeAudit } from "../audit";
import { now } from "../clock";
import { prisma, type Tx } from "../db";
import { AppError } from "../errors";
import type { UseCase } from "../use-case";
import { zodFieldErrors } from "../validation";

/**
 * defineMutation (lib/server/use-case.ts) for a use case whose one transaction may run long: a
 * quarter's run reads every loan of a bank and writes a line for each, which takes longer than
 * Prisma's default 5-second interactive-transaction limit once a bank has some ten thousand
 * loans. Same contract: role check, zod parse, the whole use case in ONE transaction with its
 * audit rows (none written → rolled back), domain errors as RULE_VIOLATION. Only the time limit
 * differs. (When use-case.ts takes a timeout option this file should go.)
 */
export function defineLongMutation<S extends z.ZodType, R>(def: {
  name: string;
  roles: UseCase<unknown, unknown>["roles"];
  input: S;
  timeoutMs: number;
  run: (ctx: { actor: Actor; input: z.infer<S>; tx: Tx; now: Date; audit: (entry: AuditInput) => Promise<void> }) => Promise<R>;
}): UseCase<z.infer<S>, R> {
  const run = async (actor: Actor, raw: unknown) => {
    if (!def.roles.includes(actor.role)) throw new AppError("FORBIDDEN", "您的角色无权执行此操作。");
    const parsed = def.input.safeParse(raw);
    if (!parsed.success) throw new AppError("VALIDATION", "提交的内容有误，请检查标出的字段。", zodFieldErrors(parsed.error));
    try {
      return await prisma.$transaction(
        async (tx) => {
          let audited = 0;
          const audit = async (entry: AuditInput) => {
            await writeAudit(tx, actor, entry);
            audited++;
          };
          const result = await def.run({ actor, input: parsed.data, tx, now: now(), audit });
          if (audited === 0) throw new Error(`use case ${def.name} changed state without an audit row`);
          return result;
        },
        { timeout: def.timeoutMs, maxWait: 30_000 },
      );
    } catch (error) {
      if (error instanceof DomainError) {
        throw new AppError("RULE_VIOLATION", error.message, error.field ? { [error.field]: [error.message] } : undefined);
      }
      throw error;
    }
  };
  return Object.assign(run, { useCaseName: def.name, roles: def.roles, kind: "mutation" as const });
}
