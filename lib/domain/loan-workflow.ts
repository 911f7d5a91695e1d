import type { Machine, Transition } from "./workflow";

export const LOAN_STATES = [
  "repaying",
  "overdue",
  "inBuffer",
  "claim",
  "split",
  "writtenOffCaseKept",
  "repaid",
  "extended",
  "renewed",
] as const;
export type LoanState = (typeof LOAN_STATES)[number];

export const LOAN_STATE_LABELS = {
  repaying: "正常还款",
  overdue: "逾期",
  inBuffer: "缓冲期",
  claim: "代偿申请中",
  split: "已按比例分担损失",
  writtenOffCaseKept: "账销案存",
  repaid: "已结清",
  extended: "已展期",
  renewed: "已续贷",
} as const satisfies Record<LoanState, string>;

export const LOAN_EVENTS = [
  "markOverdue",
  "cure",
  "startBuffer",
  "extend",
  "renew",
  "applyClaim",
  "approveClaim",
  "rejectClaim",
  "splitLoss",
  "writeOff",
  "recordRecovery",
  "repay",
] as const;
export type LoanEvent = (typeof LOAN_EVENTS)[number];

export const LOAN_EVENT_LABELS = {
  markOverdue: "登记逾期",
  cure: "逾期款项已还清",
  startBuffer: "进入缓冲期",
  extend: "办理展期",
  renew: "办理续贷",
  applyClaim: "申请风险补偿代偿",
  approveClaim: "批准代偿",
  rejectClaim: "驳回代偿申请",
  splitLoss: "缓冲期满，按比例分担损失",
  writeOff: "账销案存",
  recordRecovery: "登记追偿回款",
  repay: "贷款结清",
} as const satisfies Record<LoanEvent, string>;

/**
 * A disbursed loan (POLICY §4, §8):
 * - overdue → buffer (Henan 70 days, P-Risk 二(五)); paying the arrears returns it to normal;
 * - Henan: unpaid at buffer end is split by the ratios, from the day after the buffer's last day;
 * - Guizhou: the bank's outlet applies for compensation, the county approves it (a different
 *   person from whoever handled the case; G 二(八)) and the loss is then shared; 账销案存 keeps
 *   the case open and recoveries are recorded on it;
 * - extension needs the poverty office's and the bank's consent; renewal may be supported by the
 *   county revolving fund during the buffer (G 二(八)1; P-Risk 二(五)). An extended or renewed
 *   loan is repaid, or falls overdue, like any other.
 */
const LOAN_TRANSITIONS = [
  { event: "markOverdue", from: ["repaying", "extended", "renewed"], to: "overdue", roles: ["bank_officer"] },
  { event: "cure", from: ["overdue", "inBuffer"], to: "repaying", roles: ["bank_officer"] },
  { event: "startBuffer", from: ["overdue"], to: "inBuffer", roles: ["bank_officer"] },
  {
    event: "extend",
    from: ["repaying", "overdue", "renewed"],
    to: "extended",
    roles: ["bank_officer"],
    guards: ["CONSENT_REQUIRED"],
  },
  { event: "renew", from: ["repaying", "overdue", "inBuffer", "extended"], to: "renewed", roles: ["bank_officer"] },
  { event: "applyClaim", from: ["overdue", "inBuffer"], to: "claim", roles: ["bank_officer"] },
  {
    event: "approveClaim",
    from: ["claim"],
    to: "split",
    roles: ["county_officer", "finance_officer"],
    guards: ["MAKER_CHECKER"],
  },
  {
    event: "rejectClaim",
    from: ["claim"],
    to: "overdue",
    roles: ["county_officer", "finance_officer"],
    guards: ["RETURN_REASON_REQUIRED"],
  },
  { event: "splitLoss", from: ["inBuffer"], to: "split", roles: ["county_officer"], guards: ["BUFFER_NOT_ENDED"] },
  { event: "writeOff", from: ["split"], to: "writtenOffCaseKept", roles: ["bank_officer"] },
  // Recording a recovery changes no state; the recovery itself is split by the ratios (§15.4).
  { event: "recordRecovery", from: ["split"], to: "split", roles: ["bank_officer", "county_officer"] },
  {
    event: "recordRecovery",
    from: ["writtenOffCaseKept"],
    to: "writtenOffCaseKept",
    roles: ["bank_officer", "county_officer"],
  },
  {
    event: "repay",
    from: ["repaying", "overdue", "inBuffer", "extended", "renewed", "split", "writtenOffCaseKept"],
    to: "repaid",
    roles: ["bank_officer"],
  },
] as const satisfies readonly Transition<LoanState, LoanEvent>[];

export const loanMachine: Machine<LoanState, LoanEvent> = {
  name: "loan",
  initial: "repaying",
  states: LOAN_STATES,
  stateLabels: LOAN_STATE_LABELS,
  eventLabels: LOAN_EVENT_LABELS,
  transitions: LOAN_TRANSITIONS,
};
