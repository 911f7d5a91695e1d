import "server-only";
import { z } from "zod";
import { HOUSEHOLD_STATUS_LABELS } from "@/lib/domain/eligibility";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { enterpriseScope, iso, monthsOperating } from "../enterprises/enterprise-records";
import { activeProfile } from "../policy/active-profile";
import { areaScope } from "../scope";
import { defineQuery } from "../use-case";
import { drivableStatuses } from "./enterprise-facts";
import { benchmarkRatesOn, enterpriseSettings } from "./enterprise-rates";
import { loadApplicationInScope } from "./load-application";

/** At most this many households are offered in the picker (a county has hundreds, not thousands, per township). */
const HOUSEHOLD_LIMIT = 3000;

/**
 * What the enterprise application form needs: the enterprises in scope with their operating age
 * and blacklist status, the households in scope that may be driven, today's benchmark rates and
 * the county's multiplier, thresholds and minimum operating years (for the live check).
 */
export const enterpriseApplicationFormData = defineQuery({
  name: "application.enterpriseFormData",
  roles: ["township_officer", "county_officer"],
  input: z.object({ id: z.string().optional() }),
  async run({ actor, input: { id }, tx, now }) {
    const countyId = actor.countyId;
    if (!countyId) throw new AppError("FORBIDDEN", "您的账户未关联有效的县。");
    const today = shanghaiToday(now);
    const profile = await activeProfile(tx, countyId, today);
    const existing = id ? await loadApplicationInScope(tx, actor, id) : null;
    if (existing && existing.kind !== "enterprise") throw AppError.notFound("申请");
    if (existing && existing.status !== "draft" && existing.status !== "returned") {
      throw new AppError("CONFLICT", "该申请已提交，不能再修改。");
    }
    const statuses = drivableStatuses(profile);
    const [enterprises, blacklist, households, rates, links, agreement, plan] = await Promise.all([
      tx.enterprise.findMany({ where: enterpriseScope(actor), orderBy: [{ name: "asc" }, { id: "asc" }] }),
      tx.blacklistEntry.findMany({ where: { countyId, enterpriseId: { not: null }, status: { in: ["active", "removalPending"] } }, select: { enterpriseId: true } }),
      tx.household.findMany({
        where: { ...areaScope(actor), status: { in: statuses } },
        select: { id: true, headName: true, status: true, villageId: true },
        orderBy: [{ villageId: "asc" }, { headName: "asc" }, { id: "asc" }],
        take: HOUSEHOLD_LIMIT,
      }),
      benchmarkRatesOn(tx, today),
      existing ? tx.applicationHousehold.findMany({ where: { applicationId: existing.id }, select: { householdId: true } }) : [],
      existing ? tx.fourPartyAgreement.findUnique({ where: { applicationId: existing.id } }) : null,
      existing ? tx.useOfFundsPlan.findUnique({ where: { applicationId: existing.id } }) : null,
    ]);
    const villages = await tx.orgUnit.findMany({ where: { id: { in: [...new Set(households.map((h) => h.villageId))] } }, select: { id: true, name: true } });
    const vName = new Map(villages.map((v) => [v.id, v.name]));
    const blacklisted = new Set(blacklist.map((b) => b.enterpriseId));
    const settings = enterpriseSettings(profile);
    return {
      enterprises: enterprises.map((e) => ({
        id: e.id,
        name: e.name,
        creditCode: e.creditCode,
        kind: e.kind,
        monthsOperating: monthsOperating(iso(e.operatingSince), today),
        blacklisted: blacklisted.has(e.id),
      })),
      households: households.map((h) => ({ id: h.id, headName: h.headName, village: vName.get(h.villageId) ?? "", statusLabel: HOUSEHOLD_STATUS_LABELS[h.status] })),
      householdsTruncated: households.length === HOUSEHOLD_LIMIT,
      rates,
      ...settings,
      initial: (existing
        ? {
            id: existing.id,
            version: String(existing.version),
            enterpriseId: existing.enterpriseId ?? "",
            amount: existing.amount.toFixed(2),
            termMonths: String(existing.termMonths),
            purpose: existing.purpose,
            projectDescription: existing.projectDescription,
            repaymentSource: existing.repaymentSource,
            requestedRate: existing.requestedRate?.toString() ?? "",
            householdIds: links.map((l) => l.householdId).join(","),
            agreementParties: agreement?.parties ?? "",
            agreementSignedOn: agreement ? iso(agreement.signedOn) : "",
            planSchedule: plan?.schedule ?? "",
            planMilestones: plan?.milestones ?? "",
            planCategories: plan?.categories ?? "",
          }
        : {}) as Record<string, string>,
    };
  },
});

export type EnterpriseApplicationFormData = Awaited<ReturnType<typeof enterpriseApplicationFormData>>;
