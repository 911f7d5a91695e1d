import { describe, expect, it } from "vitest";
import {
  loanMachine,
  LOAN_EVENT_LABELS,
  LOAN_EVENTS,
  LOAN_STATE_LABELS,
  LOAN_STATES,
} from "@/lib/domain/loan-workflow";
import { ROLES, type Role } from "@/lib/domain/roles";
import {
  APPLICATION_EVENT_LABELS,
  APPLICATION_EVENTS,
  APPLICATION_STATE_LABELS,
  APPLICATION_STATES,
  applicationMachine,
  availableEvents,
  bankProcessingDeadline,
  DEFAULT_BANK_PROCESSING_WORKING_DAYS,
  DEFAULT_PUBLICITY_WORKING_DAYS,
  isBankDeadlineExceeded,
  publicityEndsOn,
  terminalStates,
  transition,
  type Machine,
  type TransitionContext,
} from "@/lib/domain/workflow";
import { CAL_2025, NO_HOLIDAYS } from "./calendar-fixtures";
import { codeOf } from "./errors-helper";

/** A context that satisfies every guard. */
const PASS: Omit<TransitionContext, "role"> = {
  actorId: "county-2",
  previousActorIds: ["village-1", "township-1"],
  today: "2025-03-15",
  publicityEndsOn: "2025-03-14",
  openObjections: 0,
  reason: "材料不全",
  areaHalted: false,
  consentGiven: true,
  bufferEndsOn: "2025-03-14",
};

type Row = [from: string, event: string, to: string, roles: Role[]];

// The spec, written out from POLICY §4 and §8 (not read from the machine).
const APPLICATION_SPEC: Row[] = [
  ["draft", "submit", "submitted", ["village_cadre", "township_officer", "county_officer"]],
  ["returned", "submit", "submitted", ["village_cadre", "township_officer", "county_officer"]],
  ["submitted", "townshipApprove", "townshipReviewed", ["township_officer"]],
  ["submitted", "return", "returned", ["township_officer"]],
  ["townshipReviewed", "return", "returned", ["township_officer"]],
  ["townshipReviewed", "startPublicity", "inPublicity", ["village_cadre", "township_officer", "county_officer"]],
  ["inPublicity", "raiseObjection", "objection", ["village_cadre", "township_officer", "county_officer"]],
  ["objection", "raiseObjection", "objection", ["village_cadre", "township_officer", "county_officer"]],
  ["objection", "resumePublicity", "inPublicity", ["township_officer", "county_officer"]],
  ["objection", "upholdObjection", "objectionUpheld", ["township_officer", "county_officer"]],
  ["inPublicity", "endPublicity", "publicityPassed", ["village_cadre", "township_officer", "county_officer"]],
  ["publicityPassed", "countyApprove", "countyApproved", ["county_officer"]],
  ["publicityPassed", "countyReject", "countyRejected", ["county_officer"]],
  ["publicityPassed", "return", "returned", ["county_officer"]],
  ["countyApproved", "sendToBank", "batched", ["county_officer"]],
  ["batched", "bankApprove", "bankApproved", ["bank_officer", "county_officer"]],
  ["batched", "bankReject", "bankRejected", ["bank_officer", "county_officer"]],
  ["bankApproved", "disburse", "disbursed", ["bank_officer", "county_officer"]],
  ...[
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
  ].map((s): Row => [s, "withdraw", "withdrawn", ["village_cadre", "township_officer"]]),
];

const LOAN_SPEC: Row[] = [
  ["repaying", "markOverdue", "overdue", ["bank_officer"]],
  ["extended", "markOverdue", "overdue", ["bank_officer"]],
  ["renewed", "markOverdue", "overdue", ["bank_officer"]],
  ["overdue", "cure", "repaying", ["bank_officer"]],
  ["inBuffer", "cure", "repaying", ["bank_officer"]],
  ["overdue", "startBuffer", "inBuffer", ["bank_officer"]],
  ["repaying", "extend", "extended", ["bank_officer"]],
  ["overdue", "extend", "extended", ["bank_officer"]],
  ["renewed", "extend", "extended", ["bank_officer"]],
  ["repaying", "renew", "renewed", ["bank_officer"]],
  ["overdue", "renew", "renewed", ["bank_officer"]],
  ["inBuffer", "renew", "renewed", ["bank_officer"]],
  ["extended", "renew", "renewed", ["bank_officer"]],
  ["overdue", "applyClaim", "claim", ["bank_officer"]],
  ["inBuffer", "applyClaim", "claim", ["bank_officer"]],
  ["claim", "approveClaim", "split", ["county_officer", "finance_officer"]],
  ["claim", "rejectClaim", "overdue", ["county_officer", "finance_officer"]],
  ["inBuffer", "splitLoss", "split", ["county_officer"]],
  ["split", "writeOff", "writtenOffCaseKept", ["bank_officer"]],
  ["split", "recordRecovery", "split", ["bank_officer", "county_officer"]],
  ["writtenOffCaseKept", "recordRecovery", "writtenOffCaseKept", ["bank_officer", "county_officer"]],
  ...["repaying", "overdue", "inBuffer", "extended", "renewed", "split", "writtenOffCaseKept"].map(
    (s): Row => [s, "repay", "repaid", ["bank_officer"]],
  ),
];

function machineRows(m: Machine<string, string>): string[] {
  return m.transitions.flatMap((t) => t.from.map((f) => `${f} -${t.event}-> ${t.to} [${[...t.roles].sort().join(",")}]`)).sort();
}

function specRows(spec: Row[]): string[] {
  return spec.map(([f, e, to, roles]) => `${f} -${e}-> ${to} [${[...roles].sort().join(",")}]`).sort();
}

function exhaustive(name: string, machine: Machine<string, string>, spec: Row[], events: readonly string[]) {
  describe(`${name}: every step allowed and disallowed`, () => {
    it("§4/§8: the machine's table is exactly the spec", () => {
      expect(machineRows(machine)).toEqual(specRows(spec));
    });

    it.each(spec)("§4/§8: %s —%s→ %s for its roles; every other role → ROLE_NOT_ALLOWED", (from, event, to, roles) => {
      for (const role of ROLES) {
        const r = transition(machine, from, event, { ...PASS, role });
        if (roles.includes(role)) expect(r).toEqual({ ok: true, to });
        else expect(r).toMatchObject({ ok: false, code: "ROLE_NOT_ALLOWED" });
      }
    });

    it("§4/§8: every (state, event) pair not in the spec → INVALID_TRANSITION, whatever the role", () => {
      const allowed = new Set(spec.map(([f, e]) => `${f}/${e}`));
      let checked = 0;
      for (const state of machine.states) {
        for (const event of events) {
          if (allowed.has(`${state}/${event}`)) continue;
          for (const role of ROLES) {
            expect(transition(machine, state, event, { ...PASS, role })).toMatchObject({
              ok: false,
              code: "INVALID_TRANSITION",
            });
          }
          checked += 1;
        }
      }
      expect(checked).toBe(machine.states.length * events.length - spec.length);
    });
  });
}

exhaustive("applicationMachine", applicationMachine, APPLICATION_SPEC, APPLICATION_EVENTS);
exhaustive("loanMachine", loanMachine, LOAN_SPEC, LOAN_EVENTS);

describe("machines as data", () => {
  it("§4: application states, with a Chinese label each", () => {
    expect(APPLICATION_STATES).toEqual([
      "draft", "submitted", "returned", "townshipReviewed", "inPublicity", "objection", "publicityPassed",
      "countyApproved", "countyRejected", "batched", "bankApproved", "bankRejected", "disbursed", "withdrawn",
      "objectionUpheld",
    ]);
    for (const s of APPLICATION_STATES) expect(APPLICATION_STATE_LABELS[s]).toMatch(/[\u4e00-\u9fff]/);
    for (const e of APPLICATION_EVENTS) expect(APPLICATION_EVENT_LABELS[e]).toMatch(/[\u4e00-\u9fff]/);
    expect(APPLICATION_STATE_LABELS.inPublicity).toBe("公示中");
  });

  it("§8: loan states, with a Chinese label each", () => {
    expect(LOAN_STATES).toEqual([
      "repaying", "overdue", "inBuffer", "claim", "split", "writtenOffCaseKept", "repaid", "extended", "renewed",
    ]);
    for (const s of LOAN_STATES) expect(LOAN_STATE_LABELS[s]).toMatch(/[\u4e00-\u9fff]/);
    for (const e of LOAN_EVENTS) expect(LOAN_EVENT_LABELS[e]).toMatch(/[\u4e00-\u9fff]/);
    expect(LOAN_STATE_LABELS.writtenOffCaseKept).toBe("账销案存");
  });

  it("§4: terminal states: rejected, disbursed (the loan machine takes over), withdrawn; a loan ends repaid", () => {
    expect(terminalStates(applicationMachine)).toEqual(["countyRejected", "bankRejected", "disbursed", "withdrawn", "objectionUpheld"]);
    expect(terminalStates(loanMachine)).toEqual(["repaid"]);
  });

  it("§4/§8: every state is reachable from the initial state", () => {
    for (const m of [applicationMachine, loanMachine] as Machine<string, string>[]) {
      const seen = new Set([m.initial]);
      let grew = true;
      while (grew) {
        grew = false;
        for (const t of m.transitions) {
          if (t.from.some((f) => seen.has(f)) && !seen.has(t.to)) {
            seen.add(t.to);
            grew = true;
          }
        }
      }
      expect([...seen].sort()).toEqual([...m.states].sort());
    }
  });

  it("§4: unknown states and events are invalid transitions, with Chinese messages", () => {
    const r = transition(applicationMachine, "approvedByMagic", "submit", { ...PASS, role: "village_cadre" });
    expect(r).toEqual({ ok: false, code: "INVALID_TRANSITION", message: "“approvedByMagic”状态下不能执行“提交申请”" });
    const r2 = transition(applicationMachine, "draft", "teleport", { ...PASS, role: "village_cadre" });
    expect(r2).toEqual({ ok: false, code: "INVALID_TRANSITION", message: "“草稿”状态下不能执行“teleport”" });
  });

  it("§4: a missing context is a role that is not allowed", () => {
    expect(transition(applicationMachine, "draft", "submit", null as never)).toMatchObject({ code: "ROLE_NOT_ALLOWED" });
  });
});

describe("guards", () => {
  const app = (state: string, event: string, role: Role, ctx: Partial<TransitionContext>) =>
    transition(applicationMachine, state, event, { ...PASS, role, ...ctx });

  it("§15.8: publicity cannot end ON its last day (it ends at the end of that day)", () => {
    const r = app("inPublicity", "endPublicity", "township_officer", { today: "2025-03-14", publicityEndsOn: "2025-03-14" });
    expect(r).toEqual({
      ok: false,
      code: "PUBLICITY_NOT_ENDED",
      message: "公示期至 2025-03-14 结束，2025-03-15 起方可办理",
    });
  });

  it("§15.8: publicity ends from the day after its last day", () => {
    expect(app("inPublicity", "endPublicity", "village_cadre", { today: "2025-03-15", publicityEndsOn: "2025-03-14" })).toEqual(
      { ok: true, to: "publicityPassed" },
    );
  });

  it("§15.8: well before the end, and without dates, publicity cannot end", () => {
    expect(app("inPublicity", "endPublicity", "village_cadre", { today: "2025-03-10" })).toMatchObject({
      code: "PUBLICITY_NOT_ENDED",
    });
    expect(app("inPublicity", "endPublicity", "village_cadre", { today: undefined })).toMatchObject({
      code: "PUBLICITY_NOT_ENDED",
    });
    expect(app("inPublicity", "endPublicity", "village_cadre", { publicityEndsOn: undefined })).toMatchObject({
      code: "PUBLICITY_NOT_ENDED",
    });
  });

  it("§15.8: an invalid date is an input error, not a guard failure", () => {
    expect(codeOf(() => app("inPublicity", "endPublicity", "village_cadre", { today: "2025-02-30" }))).toBe("INVALID_DATE");
  });

  it("§15.8: publicity cannot pass with an open objection; with none it passes", () => {
    expect(app("inPublicity", "endPublicity", "township_officer", { openObjections: 1 })).toEqual({
      ok: false,
      code: "OBJECTION_OPEN",
      message: "尚有 1 条公示异议未处理完毕",
    });
    expect(app("inPublicity", "endPublicity", "township_officer", { openObjections: 0 }).ok).toBe(true);
    expect(app("inPublicity", "endPublicity", "township_officer", { openObjections: undefined }).ok).toBe(true);
  });

  it("§15.8: the date guard is checked before the objection guard", () => {
    expect(
      app("inPublicity", "endPublicity", "township_officer", { today: "2025-03-14", openObjections: 2 }),
    ).toMatchObject({ code: "PUBLICITY_NOT_ENDED" });
  });

  it("§15.8: the county cannot forward with an open objection", () => {
    expect(app("publicityPassed", "countyApprove", "county_officer", { openObjections: 1 })).toMatchObject({
      code: "OBJECTION_OPEN",
    });
  });

  it("§15.8: publicity resumes only once every objection is resolved", () => {
    expect(app("objection", "resumePublicity", "township_officer", { openObjections: 1 })).toMatchObject({
      code: "OBJECTION_OPEN",
    });
    expect(app("objection", "resumePublicity", "township_officer", { openObjections: 0 })).toEqual({
      ok: true,
      to: "inPublicity",
    });
  });

  it("§15.8: a malformed objection count is an input error", () => {
    expect(codeOf(() => app("objection", "resumePublicity", "township_officer", { openObjections: -1 }))).toBe(
      "INVALID_INPUT",
    );
  });

  it("P-Imp 三(一) maker-checker: the submitter cannot approve at the county", () => {
    expect(
      app("publicityPassed", "countyApprove", "county_officer", { actorId: "u1", previousActorIds: ["u1", "u2"] }),
    ).toEqual({ ok: false, code: "MAKER_CHECKER", message: "审批人不能与提交人或此前的审核人为同一人" });
  });

  it("P-Imp 三(一) maker-checker: a reviewer cannot approve either", () => {
    expect(
      app("publicityPassed", "countyApprove", "county_officer", { actorId: "u2", previousActorIds: ["u1", "u2"] }),
    ).toMatchObject({ code: "MAKER_CHECKER" });
  });

  it("P-Imp 三(一) maker-checker: a different officer approves; no previous actors is fine", () => {
    expect(
      app("publicityPassed", "countyApprove", "county_officer", { actorId: "u3", previousActorIds: ["u1", "u2"] }),
    ).toEqual({ ok: true, to: "countyApproved" });
    expect(
      app("publicityPassed", "countyApprove", "county_officer", { actorId: "u3", previousActorIds: undefined }).ok,
    ).toBe(true);
  });

  it("P-Imp 三(一) maker-checker: an unknown actor fails", () => {
    expect(app("publicityPassed", "countyApprove", "county_officer", { actorId: undefined })).toMatchObject({
      code: "MAKER_CHECKER",
      message: "缺少审批人信息，无法确认审批人与经办人不是同一人",
    });
    expect(app("publicityPassed", "countyApprove", "county_officer", { actorId: "" })).toMatchObject({
      code: "MAKER_CHECKER",
    });
  });

  it.each([
    ["submitted", "return", "township_officer"],
    ["townshipReviewed", "return", "township_officer"],
    ["publicityPassed", "return", "county_officer"],
    ["objection", "upholdObjection", "township_officer"],
    ["publicityPassed", "countyReject", "county_officer"],
    ["batched", "bankReject", "bank_officer"],
  ] as [string, string, Role][])("§4: %s —%s→ needs a non-empty reason", (state, event, role) => {
    expect(app(state, event, role, { reason: undefined })).toEqual({
      ok: false,
      code: "RETURN_REASON_REQUIRED",
      message: "退回或不予通过须填写理由",
    });
    expect(app(state, event, role, { reason: "   " })).toMatchObject({ code: "RETURN_REASON_REQUIRED" });
    expect(app(state, event, role, { reason: "收入证明缺失" }).ok).toBe(true);
  });

  it.each([
    ["publicityPassed", "countyApprove", "county_officer"],
    ["batched", "bankApprove", "bank_officer"],
    ["bankApproved", "disburse", "bank_officer"],
  ] as [string, string, Role][])("§9: %s —%s→ stops while the area is halted", (state, event, role) => {
    expect(app(state, event, role, { areaHalted: true })).toEqual({
      ok: false,
      code: "AREA_HALTED",
      message: "所在地区不良贷款率超过熔断标准，已暂停新增扶贫小额信贷",
    });
    expect(app(state, event, role, { areaHalted: false }).ok).toBe(true);
    expect(app(state, event, role, { areaHalted: undefined }).ok).toBe(true);
  });

  it("§9: rejecting or withdrawing is still possible while the area is halted", () => {
    expect(app("batched", "bankReject", "bank_officer", { areaHalted: true }).ok).toBe(true);
    expect(app("bankApproved", "withdraw", "village_cadre", { areaHalted: true }).ok).toBe(true);
  });

  it("§4: the role is checked before the guards", () => {
    expect(app("publicityPassed", "countyApprove", "township_officer", { areaHalted: true })).toMatchObject({
      code: "ROLE_NOT_ALLOWED",
      message: "当前角色无权执行“审核通过并批转银行”",
    });
  });
});

describe("loan guards", () => {
  const loan = (state: string, event: string, role: Role, ctx: Partial<TransitionContext>) =>
    transition(loanMachine, state, event, { ...PASS, role, ...ctx });

  it("G 二(八)1: an extension needs the poverty office's and the bank's consent", () => {
    expect(loan("repaying", "extend", "bank_officer", { consentGiven: false })).toEqual({
      ok: false,
      code: "CONSENT_REQUIRED",
      message: "展期须经扶贫办和贷款银行同意",
    });
    expect(loan("repaying", "extend", "bank_officer", { consentGiven: undefined })).toMatchObject({
      code: "CONSENT_REQUIRED",
    });
    expect(loan("repaying", "extend", "bank_officer", { consentGiven: true })).toEqual({ ok: true, to: "extended" });
  });

  it("§15.5: the loss is split from the day after the buffer's last day, not on it", () => {
    // due 2025-03-10 + 70 days → buffer ends 2025-05-19
    expect(loan("inBuffer", "splitLoss", "county_officer", { today: "2025-05-19", bufferEndsOn: "2025-05-19" })).toEqual({
      ok: false,
      code: "BUFFER_NOT_ENDED",
      message: "缓冲期至 2025-05-19 结束，2025-05-20 起方可办理",
    });
    expect(loan("inBuffer", "splitLoss", "county_officer", { today: "2025-05-20", bufferEndsOn: "2025-05-19" })).toEqual({
      ok: true,
      to: "split",
    });
    expect(loan("inBuffer", "splitLoss", "county_officer", { bufferEndsOn: undefined })).toMatchObject({
      code: "BUFFER_NOT_ENDED",
    });
  });

  it("G 二(八): the claim approver must not be whoever applied or reviewed", () => {
    expect(
      loan("claim", "approveClaim", "finance_officer", { actorId: "bank-7", previousActorIds: ["bank-7"] }),
    ).toMatchObject({ code: "MAKER_CHECKER" });
    expect(loan("claim", "approveClaim", "finance_officer", { actorId: "fin-1", previousActorIds: ["bank-7"] })).toEqual({
      ok: true,
      to: "split",
    });
  });

  it("G 二(八): rejecting a claim needs a reason", () => {
    expect(loan("claim", "rejectClaim", "county_officer", { reason: "" })).toMatchObject({
      code: "RETURN_REASON_REQUIRED",
    });
  });
});

describe("availableEvents", () => {
  it("§4: a township officer on a submitted application can approve, return or withdraw", () => {
    expect(availableEvents(applicationMachine, "submitted", "township_officer")).toEqual([
      { event: "townshipApprove", label: "乡镇审核通过", to: "townshipReviewed" },
      { event: "return", label: "退回修改", to: "returned" },
      { event: "withdraw", label: "撤回申请", to: "withdrawn" },
    ]);
  });

  it("§4: the county on a publicity-passed application: approve, reject, return", () => {
    expect(availableEvents(applicationMachine, "publicityPassed", "county_officer").map((e) => e.event)).toEqual([
      "countyApprove",
      "countyReject",
      "return",
    ]);
  });

  it("§4: auditors, admins and finance officers get no application buttons anywhere", () => {
    for (const role of ["auditor", "admin", "finance_officer"] as Role[]) {
      for (const s of APPLICATION_STATES) expect(availableEvents(applicationMachine, s, role)).toEqual([]);
    }
  });

  it("§4: terminal and unknown states offer nothing", () => {
    expect(availableEvents(applicationMachine, "disbursed", "bank_officer")).toEqual([]);
    expect(availableEvents(applicationMachine, "nowhere", "bank_officer")).toEqual([]);
  });

  it("§15.8: with a context, a guarded button is returned blocked, with the reason", () => {
    const events = availableEvents(applicationMachine, "inPublicity", "township_officer", {
      today: "2025-03-14",
      publicityEndsOn: "2025-03-14",
    });
    expect(events).toEqual([
      { event: "raiseObjection", label: "登记公示异议", to: "objection" },
      {
        event: "endPublicity",
        label: "公示期满，公示通过",
        to: "publicityPassed",
        blocked: { code: "PUBLICITY_NOT_ENDED", message: "公示期至 2025-03-14 结束，2025-03-15 起方可办理" },
      },
      { event: "withdraw", label: "撤回申请", to: "withdrawn" },
    ]);
  });

  it("§8: a bank officer on an overdue loan", () => {
    expect(availableEvents(loanMachine, "overdue", "bank_officer").map((e) => e.event)).toEqual([
      "cure",
      "startBuffer",
      "extend",
      "renew",
      "applyClaim",
      "repay",
    ]);
  });
});

describe("publicity and bank deadlines", () => {
  it("§15.8 defaults: 5 working days of publicity, 15 for the bank", () => {
    expect(DEFAULT_PUBLICITY_WORKING_DAYS).toBe(5);
    expect(DEFAULT_BANK_PROCESSING_WORKING_DAYS).toBe(15);
  });

  it("§15.8: publicity opened Fri 2025-03-07 runs Mon 03-10 … Fri 03-14", () => {
    expect(publicityEndsOn("2025-03-07", NO_HOLIDAYS)).toBe("2025-03-14");
  });

  it("§15.8: publicity over National Day 2025 counts the Sunday make-up day 09-28 and skips 10-01 … 10-08", () => {
    // opened Fri 09-26: 09-28 (Sun, make-up), 09-29, 09-30, 10-09, 10-10
    expect(publicityEndsOn("2025-09-26", CAL_2025)).toBe("2025-10-10");
  });

  it("§15.8: the number of publicity days is a setting", () => {
    expect(publicityEndsOn("2025-03-07", NO_HOLIDAYS, 7)).toBe("2025-03-18");
  });

  it("§15.8: the bank deadline is 15 working days after forwarding (Mon 03-03 → Mon 03-24)", () => {
    expect(bankProcessingDeadline("2025-03-03", NO_HOLIDAYS)).toBe("2025-03-24");
    expect(bankProcessingDeadline("2025-03-03", NO_HOLIDAYS, 10)).toBe("2025-03-17");
  });

  it("§15.8: processing on the deadline day is on time; the day after is flagged", () => {
    expect(isBankDeadlineExceeded("2025-03-24", "2025-03-24")).toBe(false);
    expect(isBankDeadlineExceeded("2025-03-25", "2025-03-24")).toBe(true);
    expect(isBankDeadlineExceeded("2025-03-20", "2025-03-24")).toBe(false);
  });
});
