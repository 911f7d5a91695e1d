import "server-only";
import { z } from "zod";
import { compareDates, quarterPeriod } from "@/lib/domain/calendar";
import { D } from "@/lib/domain/decimal";
import { shanghaiToday } from "../clock";
import { lockKey } from "../concurrency";
import { AppError } from "../errors";
import { activeProfile } from "../policy/active-profile";
import { defineMutation } from "../use-case";
import { storeQuarterLines } from "./store-quarter-lines";
import { day, mappingDoubleSubsidy, quarterLabel } from "./subsidy-records";

const input = z.object({
  bankId: z.string({ error: "请选择合作银行" }).min(1, "请选择合作银行"),
  year: z.coerce.number({ error: "请填写年度" }).int("年度应为整数").min(2015, "年度不能早于 2015").max(2100, "年度无效"),
  quarter: z.coerce.number({ error: "请选择季度" }).int().min(1, "季度应为 1–4").max(4, "季度应为 1–4"),
});

/**
 * The county centre computes one quarter's subsidy claim for one partner bank (issue 7, step 1).
 * Idempotent: a run that exists for the county, bank, year and quarter is returned as it is,
 * never recomputed; concurrent requests are serialised on that key, so two at once produce one
 * run and one set of lines. The database's exclusion constraint refuses any line that would
 * subsidise a loan twice for one day (e.g. after the settlement day was changed).
 */
export const runSubsidyQuarter = mappingDoubleSubsidy(
  defineMutation({
    name: "subsidy.run",
    roles: ["county_officer"],
    input,
    // A bank's whole book in one transaction (hence the longer time limit): 400,000 loans take
    // about half a minute (npm run bench); the limit leaves room for a slower server.
    timeoutMs: 10 * 60_000,
    async run({ actor, input, tx, audit, now }) {
      const countyId = actor.countyId!;
      const bank = await tx.bank.findFirst({ where: { id: input.bankId, countyId } });
      if (!bank) throw AppError.field("bankId", "请选择本县的合作银行");
      const today = shanghaiToday(now);
      const profile = await activeProfile(tx, countyId, today);
      const period = quarterPeriod(input.year, input.quarter, profile.settings.interest.settlement);
      if (compareDates(today, period.to) < 0) {
        throw AppError.field("quarter", `${quarterLabel(input.year, input.quarter)}的结息日为 ${period.to}，结息后才能申报贴息`);
      }

      await lockKey(tx, `subsidy-run:${countyId}:${bank.id}:${input.year}:${input.quarter}`);
      const existing = await tx.subsidyRun.findUnique({
        where: { countyId_bankId_year_quarter: { countyId, bankId: bank.id, year: input.year, quarter: input.quarter } },
      });
      if (existing) {
        await audit({ action: "subsidy.run.existing", entity: "SubsidyRun", entityId: existing.id, countyId, after: { status: existing.status } });
        return { id: existing.id, created: false };
      }

      const run = await tx.subsidyRun.create({
        data: {
          countyId, bankId: bank.id, year: input.year, quarter: input.quarter, periodFrom: day(period.from), periodTo: day(period.to),
          profileVersion: profile.version, computedById: actor.userId, computedAt: now,
        },
      });
      const lines = await storeQuarterLines(tx, { runId: run.id, countyId, bankId: bank.id, period, profile });

      // Active clawbacks on this bank's loans are deducted from this claim (P-Risk 三(二)).
      const deducted = lines.clawbacks;
      if (deducted.length > 0) {
        const applied = await tx.clawback.updateMany({
          where: { id: { in: deducted.map((c) => c.id) }, status: "active", appliedInRunId: null },
          data: { status: "applied", appliedInRunId: run.id },
        });
        // Another quarter's run of the bank deducted one of them meanwhile: nothing of this run is kept.
        if (applied.count !== deducted.length) throw new AppError("CONFLICT", "有追缴记录刚被另一季度的贴息申报扣减，本次测算未保存，请重新测算。");
      }
      const linesTotal = lines.total;
      const clawbackTotal = deducted.reduce((sum, c) => sum.plus(c.amount), new D(0));
      const total = linesTotal.minus(clawbackTotal).toFixed(2);
      // Nothing is paid through the bank (no loan, or only zero lines): nothing to reconcile.
      await tx.subsidyRun.update({ where: { id: run.id }, data: { total, status: lines.paidThroughBank ? "computed" : "reconciled" } });

      await audit({
        action: "subsidy.run",
        entity: "SubsidyRun",
        entityId: run.id,
        countyId,
        after: {
          bank: bank.name, year: input.year, quarter: input.quarter, period, profileVersion: profile.version,
          lines: lines.count, linesTotal: linesTotal.toFixed(2), clawbacks: deducted.length, clawbackTotal: clawbackTotal.toFixed(2), total,
        },
      });
      return { id: run.id, created: true };
    },
  }),
);
