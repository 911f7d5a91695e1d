import "server-only";
import { D } from "@/lib/domain/decimal";
import type { Tx } from "../db";
import { AppError } from "../errors";
import type { ActiveProfile } from "../policy/active-profile";
import { lenderHalt } from "./lender-breaker";

/**
 * Guizhou's lender rule (G 二(二), POLICY §15.1): a partner bank whose microcredit NPL ratio
 * trips the profile's lender threshold halts its own new microcredit — approval and disbursement.
 */
export async function refuseIfLenderHalted(tx: Tx, countyId: string, bankId: string, today: string, profile: ActiveProfile) {
  const lender = await lenderHalt(tx, countyId, bankId, today, profile);
  if (lender.halted) {
    const percent = `${new D(lender.nplRatio).mul(100).toFixed(2)}%`;
    throw new AppError("RULE_VIOLATION", `该银行扶贫小额信贷不良率（${percent}）已达到熔断标准，暂停新增投放。`);
  }
}
