import { allocateByRatio, parseRatios, type AmountShare, type RatioShare } from "./allocation";
import { D, dec, formatMoney, formatRatio } from "./decimal";
import { DomainError } from "./errors";
import {
  BORROWER_CLASSES,
  POOR_COUNTY_SCHEMES,
  type BorrowerClass,
  type PoorCountyScheme,
  type SchemeEntry,
} from "./reference/sharing-schemes";

/**
 * CONTRACT riskSharingRatios (POLICY §7, poor county). Fixed shares come first in the table's
 * order, then the joint members in the order the agreement lists them. For non-agricultural
 * enterprises the document only fixes the joint share, so `joint` (from the re-guarantee
 * agreement, as fractions of the whole loss) is required and must make the total exactly 1.
 * `joint` is not read for the other classes, whose tables are complete.
 */
export function riskSharingRatios(o: {
  scheme: PoorCountyScheme;
  borrowerClass: BorrowerClass;
  joint?: RatioShare[];
}): RatioShare[] {
  if (o === null || typeof o !== "object" || !Object.hasOwn(POOR_COUNTY_SCHEMES, o.scheme)) {
    throw new DomainError("INVALID_SCHEME", `未知的风险分担方案：${String(o?.scheme)}`, "scheme");
  }
  if (!(BORROWER_CLASSES as readonly string[]).includes(o.borrowerClass)) {
    throw new DomainError("INVALID_BORROWER_CLASS", `未知的借款主体类别：${String(o.borrowerClass)}`, "borrowerClass");
  }
  const entry: SchemeEntry = POOR_COUNTY_SCHEMES[o.scheme][o.borrowerClass];
  const fixed = entry.fixed.map((f) => ({ party: f.party, ratio: f.ratio }));
  if (!entry.joint) return formatAll(parseRatios(fixed));

  if (!Array.isArray(o.joint) || o.joint.length === 0) {
    throw new DomainError(
      "AGREEMENT_REQUIRED",
      `非农业类企业贷款中 ${new D(entry.joint.ratio).times(100).toFixed()}% 的共同分担部分须按再担保协议录入各方比例`,
      "joint",
    );
  }
  const all = parseRatios([...fixed, ...o.joint], "joint");
  const members: readonly string[] = entry.joint.members;
  for (const j of o.joint) {
    if (!members.includes(j.party)) {
      throw new DomainError("JOINT_PARTY_NOT_MEMBER", `“${j.party}”不是该方案共同分担部分的成员`, "joint");
    }
  }
  return formatAll(all);
}

function formatAll(ratios: { party: string; ratio: InstanceType<typeof D> }[]): RatioShare[] {
  return ratios.map((r) => ({ party: r.party, ratio: formatRatio(r.ratio) }));
}

function nonNegativeMoney(value: string, field: string, label: string): InstanceType<typeof D> {
  const v = dec(value, field);
  if (v.isNegative() && !v.isZero()) throw new DomainError("NEGATIVE_AMOUNT", `${label}不能为负数`, field);
  return v;
}

/** POLICY §15.3: the loss to split is the unpaid principal plus unpaid contractual interest at buffer end. */
export function lossToSplit(o: { unpaidPrincipal: string; unpaidInterest: string }): string {
  const principal = nonNegativeMoney(o?.unpaidPrincipal, "unpaidPrincipal", "未还本金");
  const interest = nonNegativeMoney(o.unpaidInterest, "unpaidInterest", "未还合同利息");
  return formatMoney(principal.plus(interest));
}

/** POLICY §8 and §15.4: each party's share of a loss. */
export function splitLoss(loss: string, ratios: RatioShare[]): AmountShare[] {
  nonNegativeMoney(loss, "loss", "损失金额");
  return allocateByRatio(loss, ratios);
}

/**
 * POLICY §8 and §15.4: recoveries net of collection costs go back to the parties pro rata; when
 * costs exceed the recovery the shortfall is a negative net, shared the same way.
 */
export function distributeRecovery(o: {
  recovered: string;
  costs: string;
  ratios: RatioShare[];
}): { net: string; shares: AmountShare[] } {
  const recovered = nonNegativeMoney(o?.recovered, "recovered", "追偿收回金额");
  const costs = nonNegativeMoney(o.costs, "costs", "追偿费用");
  const net = recovered.minus(costs);
  return { net: formatMoney(net), shares: allocateByRatio(net.toFixed(), o.ratios) };
}
