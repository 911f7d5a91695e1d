/** Chinese labels for enumerations shown in the UI (domain labels re-exported, app-only ones here). */
export { HOUSEHOLD_STATUS_LABELS, LOAN_PURPOSE_LABELS, LOAN_PURPOSES } from "@/lib/domain/eligibility";

export const LABOUR_CAPACITY_LABELS = {
  full: "有劳动能力",
  partial: "弱劳动能力",
  none: "无劳动能力",
} as const;
