import "server-only";
import { z } from "zod";
import { D } from "@/lib/domain/decimal";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { requiredText } from "../validation";
import { BANK_KINDS, runScope } from "./subsidy-records";

/**
 * A subsidy obtained by fraud (P-Risk 三(二)): full clawback, permanent loss of eligibility and the
 * blacklist. Marking one line creates a clawback entry for every subsidy the borrower received,
 * proposes the borrower for the blacklist (pending until another county officer approves) and
 * blocks future subsidies at once: every later run gives the borrower's loans a zero line with
 * the reason. The clawbacks count once approved (decide-subsidy-fraud.ts).
 */
export const markSubsidyFraud = defineMutation({
  name: "subsidy.markFraud",
  roles: ["county_officer"],
  input: z.object({ lineId: z.string(), reason: requiredText(500, "认定骗取贴息的事实与依据") }),
  async run({ actor, input, tx, audit }) {
    if (!/^[0-9a-f-]{36}$/i.test(input.lineId)) throw AppError.notFound("贴息明细");
    const line = await tx.subsidyLine.findFirst({ where: { id: input.lineId, run: runScope(actor) }, include: { run: true } });
    if (!line) throw AppError.notFound("贴息明细");
    if (!BANK_KINDS.includes(line.kind)) throw new AppError("RULE_VIOLATION", "担保费补贴付给担保机构，不适用骗取贴息追回。");
    if (await tx.clawback.findUnique({ where: { subsidyLineId: line.id } })) {
      throw new AppError("CONFLICT", "该笔贴息已登记为骗取贴息，不能重复登记。");
    }
    const loan = await tx.loan.findUniqueOrThrow({ where: { id: line.loanId } });
    const countyId = line.run.countyId;
    // Every loan of the borrower (a household's loans; an enterprise's loans).
    const loans = await tx.loan.findMany({
      where: loan.householdId
        ? { countyId, householdId: loan.householdId }
        : loan.enterpriseId
          ? { countyId, enterpriseId: loan.enterpriseId }
          : { id: loan.id },
      select: { id: true },
    });
    const received = await tx.subsidyLine.findMany({
      where: { loanId: { in: loans.map((l) => l.id) }, kind: { in: [...BANK_KINDS] }, amount: { gt: 0 }, run: { countyId } },
      select: { id: true, loanId: true, amount: true },
    });
    const already = new Set((await tx.clawback.findMany({ where: { subsidyLineId: { in: received.map((r) => r.id) } }, select: { subsidyLineId: true } })).map((c) => c.subsidyLineId));
    const toClaw = received.filter((r) => !already.has(r.id));
    // The marked line itself is recorded even when it paid nothing, so the block holds.
    if (!toClaw.some((r) => r.id === line.id)) toClaw.push({ id: line.id, loanId: line.loanId, amount: line.amount });
    await tx.clawback.createMany({
      data: toClaw.map((r) => ({
        countyId, householdId: loan.householdId, loanId: r.loanId, subsidyLineId: r.id, amount: r.amount, reason: input.reason, createdById: actor.userId,
      })),
    });
    const borrower = loan.householdId ? { householdId: loan.householdId } : { enterpriseId: loan.enterpriseId };
    const live = await tx.blacklistEntry.findFirst({ where: { countyId, ...borrower, status: { in: ["pending", "active", "removalPending"] } } });
    let blacklistEntryId = live?.id ?? null;
    if (!live) {
      const entry = await tx.blacklistEntry.create({
        data: { countyId, ...borrower, reason: `骗取财政贴息：${input.reason}`, status: "pending", addedById: actor.userId },
      });
      blacklistEntryId = entry.id;
      await audit({ action: "blacklist.propose", entity: "BlacklistEntry", entityId: entry.id, countyId, after: { status: "pending", reason: entry.reason } });
    }
    const total = toClaw.reduce((sum, r) => sum.plus(r.amount.toString()), new D(0)).toFixed(2);
    await audit({
      action: "subsidy.markFraud", entity: "SubsidyLine", entityId: line.id, countyId,
      after: { reason: input.reason, clawbacks: toClaw.length, total, blacklistEntryId },
    });
    return { clawbacks: toClaw.length, blacklistEntryId };
  },
});
