import { parseRatios } from "./allocation";
import { D } from "./decimal";
import { DomainError } from "./errors";
import { PolicyProfileSettings, type SettingPath } from "./policy-profile";
import { SETTING_META, SETTING_PATHS } from "./policy-profile-meta";
import { BORROWER_CLASSES, BORROWER_CLASS_LABELS, SHARING_PARTY_LABELS } from "./reference/sharing-schemes";

export type ProfileProblem = { code: string; message: string; path: string };

function valueAt(settings: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], settings);
}

/** The label of the setting a path (possibly deeper, e.g. "sharing.ratios.household.0.ratio") belongs to. */
function labelFor(path: string): string {
  const parts = path.split(".");
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join(".");
    if (key in SETTING_META) return SETTING_META[key as SettingPath].label;
  }
  return path;
}

const ISSUE_TEXT: Record<string, string> = {
  invalid_type: "缺少该项或类型不正确",
  invalid_format: "格式不正确",
  invalid_value: "不是允许的选项",
  too_small: "数值过小或为空",
  too_big: "数值过大",
  unrecognized_keys: "包含未知的设置项",
};

function shapeProblems(input: unknown): ProfileProblem[] {
  const parsed = PolicyProfileSettings.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    const reason = issue.code === "custom" ? issue.message : (ISSUE_TEXT[issue.code] ?? "取值无效");
    const detail = issue.code === "invalid_format" || issue.code === "custom" ? `：${issue.message}` : "";
    return {
      code: "INVALID_SETTING",
      message: `${path ? labelFor(path) : "政策设置"}${reason === issue.message ? `：${reason}` : `${reason}${detail}`}`,
      path,
    };
  });
}

function required(path: SettingPath, why = ""): ProfileProblem {
  return { code: "SETTING_REQUIRED", message: `请填写“${SETTING_META[path].label}”${why}`, path };
}

function sharingProblems(s: PolicyProfileSettings): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  for (const c of BORROWER_CLASSES) {
    const path = `sharing.ratios.${c}` as const;
    const list = s.sharing.ratios[c];
    if (list === null) {
      out.push(required(path, "（各方比例合计须为 100%）"));
      continue;
    }
    const missing = list.flatMap((r, i) =>
      r.ratio === null
        ? [
            {
              code: "AGREEMENT_REQUIRED",
              message: `${BORROWER_CLASS_LABELS[c]}贷款中“${partyLabel(r.party)}”的分担比例尚未录入（按分担协议或再担保协议填写）`,
              path: `${path}.${i}.ratio`,
            },
          ]
        : [],
    );
    if (missing.length > 0) {
      out.push(...missing);
      continue;
    }
    try {
      parseRatios(list.map((r) => ({ party: r.party, ratio: r.ratio as string })), path);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      out.push({ code: e.code, message: `${BORROWER_CLASS_LABELS[c]}贷款：${e.message}`, path });
    }
  }
  return out;
}

function crossFieldProblems(s: PolicyProfileSettings): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  const d = s.defaultHandling;
  if (d.bufferUnit === "days" && d.bufferDays === null) out.push(required("defaultHandling.bufferDays", "（按天计算缓冲期）"));
  if (d.bufferUnit === "months") {
    if (d.bufferUsualMaxMonths === null) out.push(required("defaultHandling.bufferUsualMaxMonths", "（按月计算缓冲期）"));
    if (d.bufferHardMaxMonths === null) out.push(required("defaultHandling.bufferHardMaxMonths", "（按月计算缓冲期）"));
    if (d.bufferUsualMaxMonths !== null && d.bufferHardMaxMonths !== null && d.bufferUsualMaxMonths > d.bufferHardMaxMonths) {
      out.push({ code: "INVALID_SETTING", message: "缓冲期一般上限不能超过最长上限", path: "defaultHandling.bufferUsualMaxMonths" });
    }
  }

  const e = s.enterprise;
  if (e.subsidyRate !== null && !new D(e.subsidyRate).isZero() && e.subsidyPrincipalPerHousehold === null) {
    out.push(required("enterprise.subsidyPrincipalPerHousehold", "（企业贴息率大于 0）"));
  }

  const b = s.breaker;
  if (b.township === null && b.village === null && b.lender === null) {
    out.push({ code: "SETTING_REQUIRED", message: "请至少设置一项熔断阈值（乡镇、村或放贷机构）", path: "breaker" });
  } else if ((b.township === null) !== (b.village === null)) {
    // circuitBreaker judges townships and villages together, so they come as a pair.
    out.push(required(b.township === null ? "breaker.township" : "breaker.village", "（乡镇与村的熔断阈值须同时设置）"));
  }

  const { AAA, AA, A, B } = s.credit.bands;
  if (!(AAA > AA && AA > A && A > B)) {
    out.push({ code: "INVALID_CREDIT_BANDS", message: "信用等级分数线须满足 AAA > AA > A > B", path: "credit.bands" });
  }

  const v = s.evaluation;
  if (!new D(v.indicatorWeight).plus(v.structuralWeight).equals(1)) {
    out.push({ code: "INVALID_SETTING", message: "银行考评的指标得分权重与部门评价得分权重之和须为 1", path: "evaluation.indicatorWeight" });
  }
  if (!(v.gradeGoodMin > v.gradeFairMin && v.gradeFairMin > v.gradeAverageMin)) {
    out.push({ code: "INVALID_SETTING", message: "考评等级分数线须满足 好 > 较好 > 一般", path: "evaluation.gradeGoodMin" });
  }

  const statuses = s.householdLoanCap.eligibleStatuses;
  if (statuses.length === 0) {
    out.push(required("householdLoanCap.eligibleStatuses", "（至少一种农户身份）"));
  }
  // G 一(一), 二(八)2: households outside the register and misregistered ones are never eligible.
  if (statuses.includes("misregistered") || statuses.includes("none")) {
    out.push({
      code: "INVALID_SETTING",
      message: "错评清退户和非建档立卡（非帮扶对象）农户不能列为可贷对象",
      path: "householdLoanCap.eligibleStatuses",
    });
  }
  return out;
}

/**
 * Every reason the profile cannot be activated yet, each with a stable code, a Chinese message
 * and the setting's path; an empty list means it may be activated. Malformed settings
 * (INVALID_SETTING) are reported alone, because the other checks need well-formed values.
 * Codes: INVALID_SETTING, SETTING_REQUIRED, AGREEMENT_REQUIRED, RATIOS_NOT_100,
 * DUPLICATE_PARTY, INVALID_CREDIT_BANDS.
 */
export function validateProfileForActivation(settings: unknown): ProfileProblem[] {
  const shape = shapeProblems(settings);
  if (shape.length > 0) return shape;
  const s = settings as PolicyProfileSettings;
  const missing = SETTING_PATHS.filter((p) => {
    return SETTING_META[p].nullMeans === "required" && valueAt(s, p) === null && !p.startsWith("sharing.ratios.");
  }).map((p) => required(p));
  return [...missing, ...sharingProblems(s), ...crossFieldProblems(s)];
}

/** A party's Chinese name for messages; an id the county typed itself is shown as is. */
function partyLabel(party: string): string {
  return Object.hasOwn(SHARING_PARTY_LABELS, party) ? SHARING_PARTY_LABELS[party as keyof typeof SHARING_PARTY_LABELS] : party;
}
