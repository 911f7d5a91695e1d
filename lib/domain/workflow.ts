import { addDays, addWorkingDays, compareDates, type Calendar } from "./calendar";
import { DomainError } from "./errors";
import type { Role } from "./roles";

// ---- the engine -------------------------------------------------------------------------------

/** Conditions a transition may require besides the role; each fails with its own code. */
export const GUARDS = [
  "PUBLICITY_NOT_ENDED",
  "OBJECTION_OPEN",
  "MAKER_CHECKER",
  "RETURN_REASON_REQUIRED",
  "AREA_HALTED",
  "CONSENT_REQUIRED",
  "BUFFER_NOT_ENDED",
] as const;
export type Guard = (typeof GUARDS)[number];

export type Transition<S extends string, E extends string> = {
  event: E;
  from: readonly S[];
  to: S;
  roles: readonly Role[];
  guards?: readonly Guard[];
};

export type Machine<S extends string, E extends string> = {
  name: string;
  initial: S;
  states: readonly S[];
  stateLabels: Record<S, string>;
  eventLabels: Record<E, string>;
  transitions: readonly Transition<S, E>[];
};

/** What the caller knows when an event is fired; each guard reads only its own fields. */
export type TransitionContext = {
  role: Role;
  /** The user firing the event (MAKER_CHECKER). */
  actorId?: string;
  /** Everyone who submitted or reviewed the case so far (MAKER_CHECKER). */
  previousActorIds?: readonly string[];
  /** Today's date in Asia/Shanghai (PUBLICITY_NOT_ENDED, BUFFER_NOT_ENDED). */
  today?: string;
  /** Last day of publicity, as publicityEndsOn() computes it. */
  publicityEndsOn?: string;
  /** Objections recorded and not yet resolved (OBJECTION_OPEN). */
  openObjections?: number;
  /** Written reason for a return or rejection (RETURN_REASON_REQUIRED). */
  reason?: string;
  /** The borrower's area is halted by the circuit breaker (AREA_HALTED). */
  areaHalted?: boolean;
  /** The poverty office and the bank both consented (CONSENT_REQUIRED, extensions). */
  consentGiven?: boolean;
  /** Last day of the buffer period, as defaultTimeline() computes it (BUFFER_NOT_ENDED). */
  bufferEndsOn?: string;
};

export type TransitionResult<S extends string> =
  | { ok: true; to: S }
  | { ok: false; code: "INVALID_TRANSITION" | "ROLE_NOT_ALLOWED" | Guard; message: string };

type Failure = { code: Guard; message: string };

function dayAfter(date: string): string {
  return addDays(date, 1);
}

/**
 * A period that "ends on" a day ends at the end of that day: it may be closed from the next day
 * on. `today` and `lastDay` are both required; a missing date fails the guard rather than
 * letting the step through unchecked.
 */
function periodOver(today: string | undefined, lastDay: string | undefined, code: Guard, what: string): Failure | null {
  if (!today || !lastDay) return { code, message: `缺少${what}截止日期或当前日期，无法确认${what}已结束` };
  if (compareDates(today, lastDay) <= 0) {
    return { code, message: `${what}至 ${lastDay} 结束，${dayAfter(lastDay)} 起方可办理` };
  }
  return null;
}

const GUARD_CHECKS: Record<Guard, (ctx: TransitionContext) => Failure | null> = {
  PUBLICITY_NOT_ENDED: (ctx) => periodOver(ctx.today, ctx.publicityEndsOn, "PUBLICITY_NOT_ENDED", "公示期"),
  OBJECTION_OPEN: (ctx) => {
    const open = ctx.openObjections ?? 0;
    if (typeof open !== "number" || !Number.isInteger(open) || open < 0) {
      throw new DomainError("INVALID_INPUT", `未处理异议数无效：${String(open)}`, "openObjections");
    }
    return open > 0 ? { code: "OBJECTION_OPEN", message: `尚有 ${open} 条公示异议未处理完毕` } : null;
  },
  MAKER_CHECKER: (ctx) => {
    if (!ctx.actorId) return { code: "MAKER_CHECKER", message: "缺少审批人信息，无法确认审批人与经办人不是同一人" };
    if ((ctx.previousActorIds ?? []).includes(ctx.actorId)) {
      return { code: "MAKER_CHECKER", message: "审批人不能与提交人或此前的审核人为同一人" };
    }
    return null;
  },
  RETURN_REASON_REQUIRED: (ctx) =>
    typeof ctx.reason === "string" && ctx.reason.trim() !== ""
      ? null
      : { code: "RETURN_REASON_REQUIRED", message: "退回或不予通过须填写理由" },
  AREA_HALTED: (ctx) =>
    ctx.areaHalted === true
      ? { code: "AREA_HALTED", message: "所在地区不良贷款率超过熔断标准，已暂停新增扶贫小额信贷" }
      : null,
  CONSENT_REQUIRED: (ctx) =>
    ctx.consentGiven === true ? null : { code: "CONSENT_REQUIRED", message: "展期须经扶贫办和贷款银行同意" },
  BUFFER_NOT_ENDED: (ctx) => periodOver(ctx.today, ctx.bufferEndsOn, "BUFFER_NOT_ENDED", "缓冲期"),
};

function findTransition<S extends string, E extends string>(
  machine: Machine<S, E>,
  state: string,
  event: string,
): Transition<S, E> | undefined {
  return machine.transitions.find((t) => t.event === event && (t.from as readonly string[]).includes(state));
}

/**
 * Fires `event` in `state`: INVALID_TRANSITION when the machine has no such step, then
 * ROLE_NOT_ALLOWED, then the step's guards in the order the table lists them (the first that
 * fails is reported).
 */
export function transition<S extends string, E extends string>(
  machine: Machine<S, E>,
  state: string,
  event: string,
  ctx: TransitionContext,
): TransitionResult<S> {
  const t = findTransition(machine, state, event);
  if (!t) {
    const stateLabel = machine.stateLabels[state as S] ?? state;
    const eventLabel = machine.eventLabels[event as E] ?? event;
    return { ok: false, code: "INVALID_TRANSITION", message: `“${stateLabel}”状态下不能执行“${eventLabel}”` };
  }
  if (ctx === null || typeof ctx !== "object" || !t.roles.includes(ctx.role)) {
    return { ok: false, code: "ROLE_NOT_ALLOWED", message: `当前角色无权执行“${machine.eventLabels[t.event]}”` };
  }
  for (const guard of t.guards ?? []) {
    const failure = GUARD_CHECKS[guard](ctx);
    if (failure) return { ok: false, ...failure };
  }
  return { ok: true, to: t.to };
}

export type AvailableEvent<S extends string, E extends string> = {
  event: E;
  label: string;
  to: S;
  /** With a context: the guard that would stop the event now (show the button disabled). */
  blocked?: { code: Guard; message: string };
};

/** The events `role` may fire in `state`, for the UI's buttons, in table order. */
export function availableEvents<S extends string, E extends string>(
  machine: Machine<S, E>,
  state: string,
  role: Role,
  ctx?: Omit<TransitionContext, "role">,
): AvailableEvent<S, E>[] {
  return machine.transitions
    .filter((t) => (t.from as readonly string[]).includes(state) && t.roles.includes(role))
    .map((t) => {
      const out: AvailableEvent<S, E> = { event: t.event, label: machine.eventLabels[t.event], to: t.to };
      if (ctx) {
        const r = transition(machine, state, t.event, { ...ctx, role });
        if (!r.ok) out.blocked = { code: r.code as Guard, message: r.message };
      }
      return out;
    });
}

/** States no event leaves. */
export function terminalStates<S extends string, E extends string>(machine: Machine<S, E>): S[] {
  return machine.states.filter((s) => !machine.transitions.some((t) => t.from.includes(s)));
}

// ---- publicity and bank deadlines (§15.8) ----------------------------------------------------

export const DEFAULT_PUBLICITY_WORKING_DAYS = 5;
export const DEFAULT_BANK_PROCESSING_WORKING_DAYS = 15;

/**
 * §15.8: publicity lasts `workingDays` working days counted from the day after it opens; the
 * returned day is its last day. Publicity ends at the end of that day, so endPublicity is
 * allowed from the following day (on the last day itself it fails PUBLICITY_NOT_ENDED).
 */
export function publicityEndsOn(
  openedOn: string,
  calendar: Calendar,
  workingDays: number = DEFAULT_PUBLICITY_WORKING_DAYS,
): string {
  return addWorkingDays(openedOn, workingDays, calendar);
}

/** §15.8: the bank's processing deadline (办结时限), `workingDays` working days after the county forwards. */
export function bankProcessingDeadline(
  forwardedOn: string,
  calendar: Calendar,
  workingDays: number = DEFAULT_BANK_PROCESSING_WORKING_DAYS,
): string {
  return addWorkingDays(forwardedOn, workingDays, calendar);
}

/** §15.8: flagged once the deadline day has passed; processing on the deadline day is on time. */
export function isBankDeadlineExceeded(today: string, deadline: string): boolean {
  return compareDates(today, deadline) > 0;
}

// ---- the application machine ----------------------------------------------------------------

export const APPLICATION_STATES = [
  "draft",
  "submitted",
  "returned",
  "townshipReviewed",
  "inPublicity",
  "objection",
  "publicityPassed",
  "countyApproved",
  "countyRejected",
  "batched",
  "bankApproved",
  "bankRejected",
  "disbursed",
  "withdrawn",
  "objectionUpheld",
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const APPLICATION_STATE_LABELS = {
  draft: "草稿",
  submitted: "已提交，待乡镇审核",
  returned: "已退回",
  townshipReviewed: "乡镇已审核",
  inPublicity: "公示中",
  objection: "公示异议处理中",
  publicityPassed: "公示无异议",
  countyApproved: "县中心已审核批转",
  countyRejected: "县中心不予批转",
  batched: "已推送银行",
  bankApproved: "银行已审批",
  bankRejected: "银行未予审批",
  disbursed: "已放款",
  withdrawn: "已撤回",
  objectionUpheld: "公示异议成立，不予推荐",
} as const satisfies Record<ApplicationState, string>;

export const APPLICATION_EVENTS = [
  "submit",
  "townshipApprove",
  "return",
  "startPublicity",
  "raiseObjection",
  "resumePublicity",
  "upholdObjection",
  "endPublicity",
  "countyApprove",
  "countyReject",
  "sendToBank",
  "bankApprove",
  "bankReject",
  "disburse",
  "withdraw",
] as const;
export type ApplicationEvent = (typeof APPLICATION_EVENTS)[number];

export const APPLICATION_EVENT_LABELS = {
  submit: "提交申请",
  townshipApprove: "乡镇审核通过",
  return: "退回修改",
  startPublicity: "开始公示",
  raiseObjection: "登记公示异议",
  resumePublicity: "异议不成立，恢复公示",
  upholdObjection: "异议成立，不予推荐",
  endPublicity: "公示期满，公示通过",
  countyApprove: "审核通过并批转银行",
  countyReject: "不予批转",
  sendToBank: "推送银行批量审批",
  bankApprove: "银行审批通过",
  bankReject: "银行不予贷款",
  disburse: "放款",
  withdraw: "撤回申请",
} as const satisfies Record<ApplicationEvent, string>;

/**
 * P-Imp 三(一): village → township → three-tier publicity → county forwards → bank batch
 * approval → disbursement. Objections are recorded during publicity and must all be resolved
 * before it can pass (§15.8); an upheld objection rejects the application (issue 4). Publicity is
 * run by the township or, where the county's profile says so, by the county centre; county staff
 * may also record a bank's decision on its behalf (issue 4, step 7). The county's
 * approval is the checker step: its officer must not have submitted or reviewed the case.
 * Approval and disbursement stop while the breaker halts the area (§9).
 */
const APPLICATION_TRANSITIONS = [
  // Household applications are entered by the village; enterprise and cooperative ones by
  // township or county staff (issue 4, step 2). Each submit use case narrows to its own roles.
  { event: "submit", from: ["draft", "returned"], to: "submitted", roles: ["village_cadre", "township_officer", "county_officer"] },
  { event: "townshipApprove", from: ["submitted"], to: "townshipReviewed", roles: ["township_officer"] },
  {
    event: "return",
    from: ["submitted", "townshipReviewed"],
    to: "returned",
    roles: ["township_officer"],
    guards: ["RETURN_REASON_REQUIRED"],
  },
  {
    event: "startPublicity",
    from: ["townshipReviewed"],
    to: "inPublicity",
    roles: ["village_cadre", "township_officer", "county_officer"],
  },
  {
    event: "raiseObjection",
    from: ["inPublicity", "objection"],
    to: "objection",
    roles: ["village_cadre", "township_officer", "county_officer"],
  },
  {
    event: "resumePublicity",
    from: ["objection"],
    to: "inPublicity",
    roles: ["township_officer", "county_officer"],
    guards: ["OBJECTION_OPEN"],
  },
  {
    event: "upholdObjection",
    from: ["objection"],
    to: "objectionUpheld",
    roles: ["township_officer", "county_officer"],
    guards: ["RETURN_REASON_REQUIRED"],
  },
  {
    event: "endPublicity",
    from: ["inPublicity"],
    to: "publicityPassed",
    roles: ["village_cadre", "township_officer", "county_officer"],
    guards: ["PUBLICITY_NOT_ENDED", "OBJECTION_OPEN"],
  },
  {
    event: "countyApprove",
    from: ["publicityPassed"],
    to: "countyApproved",
    roles: ["county_officer"],
    guards: ["OBJECTION_OPEN", "MAKER_CHECKER", "AREA_HALTED"],
  },
  {
    event: "countyReject",
    from: ["publicityPassed"],
    to: "countyRejected",
    roles: ["county_officer"],
    guards: ["RETURN_REASON_REQUIRED"],
  },
  {
    event: "return",
    from: ["publicityPassed"],
    to: "returned",
    roles: ["county_officer"],
    guards: ["RETURN_REASON_REQUIRED"],
  },
  { event: "sendToBank", from: ["countyApproved"], to: "batched", roles: ["county_officer"] },
  { event: "bankApprove", from: ["batched"], to: "bankApproved", roles: ["bank_officer", "county_officer"], guards: ["AREA_HALTED"] },
  {
    event: "bankReject",
    from: ["batched"],
    to: "bankRejected",
    roles: ["bank_officer", "county_officer"],
    guards: ["RETURN_REASON_REQUIRED"],
  },
  { event: "disburse", from: ["bankApproved"], to: "disbursed", roles: ["bank_officer", "county_officer"], guards: ["AREA_HALTED"] },
  {
    event: "withdraw",
    from: [
      "draft",
      "submitted",
      "returned",
      "townshipReviewed",
      "inPublicity",
      "objection",
      "publicityPassed",
      "countyApproved",
      "batched",
      "bankApproved",
    ],
    to: "withdrawn",
    roles: ["village_cadre", "township_officer"],
  },
] as const satisfies readonly Transition<ApplicationState, ApplicationEvent>[];

export const applicationMachine: Machine<ApplicationState, ApplicationEvent> = {
  name: "application",
  initial: "draft",
  states: APPLICATION_STATES,
  stateLabels: APPLICATION_STATE_LABELS,
  eventLabels: APPLICATION_EVENT_LABELS,
  transitions: APPLICATION_TRANSITIONS,
};
