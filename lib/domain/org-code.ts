/**
 * 统计用区划代码 of the organisation tree: 12 digits, 6 for the county, 3 for the township,
 * 3 for the village. A county ends in 000000, a township in 000, and a village starts with its
 * township's first 9 digits.
 */
export type OrgCodeLevel = "county" | "township" | "village";

export const ORG_LEVEL_LABELS = { county: "县", township: "乡镇", village: "村" } as const satisfies Record<OrgCodeLevel, string>;

/** The level a well-formed code denotes, or null when the code is malformed. */
export function orgCodeLevel(code: string): OrgCodeLevel | null {
  if (typeof code !== "string" || !/^\d{12}$/.test(code)) return null;
  const county = code.slice(0, 6);
  const township = code.slice(6, 9);
  const village = code.slice(9, 12);
  if (county === "000000") return null;
  if (township === "000") return village === "000" ? "county" : null;
  return village === "000" ? "township" : "village";
}

/** The code of the unit directly above (county for a township, township for a village). */
export function parentOrgCode(code: string): string | null {
  const level = orgCodeLevel(code);
  if (level === "township") return `${code.slice(0, 6)}000000`;
  if (level === "village") return `${code.slice(0, 9)}000`;
  return null;
}

/**
 * Why `code` cannot be a unit of `level` under the county `countyCode`, or null when it can.
 * Messages are Chinese and name the rule.
 */
export function orgCodeProblem(code: string, level: "township" | "village", countyCode: string): string | null {
  if (!/^\d{12}$/.test(code ?? "")) return "代码须为 12 位数字";
  const county6 = countyCode.slice(0, 6);
  if (code.slice(0, 6) !== county6) return `代码前 6 位须为本县代码 ${county6}`;
  const actual = orgCodeLevel(code);
  if (level === "township" && actual !== "township") return "乡镇代码须以 000 结尾，且第 7–9 位不能为 000";
  if (level === "village" && actual !== "village") return "村级代码的第 7–9 位和第 10–12 位都不能为 000";
  return null;
}

export type OrgImportRow = { row: number; code: string; name: string; parentCode: string };
export type OrgImportError = { row: number; column: "代码" | "名称" | "上级代码"; message: string };
export type OrgImportUnit = { code: string; name: string; level: "township" | "village"; parentCode: string };
export type ExistingOrgUnit = { code: string; name: string; level: OrgCodeLevel };

export const ORG_NAME_MAX = 40;

/**
 * Checks an organisation workbook against the county and its existing units. Every row with a
 * problem gets one message per column at fault; rows for units that already exist under the same
 * name are left alone (so a workbook can be imported again). The caller writes `create` only
 * when `errors` is empty.
 */
export function validateOrgImport(o: {
  countyCode: string;
  existing: readonly ExistingOrgUnit[];
  rows: readonly OrgImportRow[];
}): { errors: OrgImportError[]; create: OrgImportUnit[]; unchanged: number } {
  const errors: OrgImportError[] = [];
  const create: OrgImportUnit[] = [];
  let unchanged = 0;
  const existing = new Map(o.existing.map((u) => [u.code, u]));
  const firstRowOfCode = new Map<string, number>();
  const fileTownships = new Set<string>();
  for (const r of o.rows) {
    const code = r.code.trim();
    if (orgCodeLevel(code) === "township" && !firstRowOfCode.has(code)) fileTownships.add(code);
    if (code && !firstRowOfCode.has(code)) firstRowOfCode.set(code, r.row);
  }

  for (const r of o.rows) {
    const code = r.code.trim();
    const name = r.name.trim();
    const parentCode = r.parentCode.trim();
    const rowErrors: OrgImportError[] = [];
    const fail = (column: OrgImportError["column"], message: string) => rowErrors.push({ row: r.row, column, message });

    const level = orgCodeLevel(code);
    let codeOk = false;
    if (!code) fail("代码", "请填写代码");
    else if (level === "county") fail("代码", "不能导入县级代码，只能导入乡镇和村");
    else {
      const problem = orgCodeProblem(code, level === "village" ? "village" : "township", o.countyCode);
      if (problem) fail("代码", problem);
      else if (firstRowOfCode.get(code) !== r.row) fail("代码", `与第 ${firstRowOfCode.get(code)} 行的代码重复`);
      else codeOk = true;
    }

    if (!name) fail("名称", "请填写名称");
    else if ([...name].length > ORG_NAME_MAX) fail("名称", `名称不能超过 ${ORG_NAME_MAX} 个字`);

    if (!parentCode) fail("上级代码", "请填写上级代码");
    else if (codeOk) {
      const expected = parentOrgCode(code)!;
      if (parentCode !== expected) {
        fail("上级代码", level === "township" ? `乡镇的上级代码须为本县代码 ${expected}` : `村的上级代码须为其所属乡镇代码 ${expected}（与村代码前 9 位一致）`);
      } else if (level === "village") {
        const parent = existing.get(parentCode);
        if (!(parent?.level === "township" || fileTownships.has(parentCode))) {
          fail("上级代码", `上级乡镇 ${parentCode} 不存在，请先导入或添加该乡镇`);
        }
      }
    }

    if (codeOk && name && rowErrors.length === 0) {
      const current = existing.get(code);
      if (current) {
        if (current.name === name) unchanged++;
        else fail("代码", `代码已存在，名称为“${current.name}”；如需改名请在机构列表中修改`);
      } else {
        create.push({ code, name, level: level as "township" | "village", parentCode });
      }
    }
    errors.push(...rowErrors);
  }
  // Townships first, so a village's township exists when the village is written.
  create.sort((a, b) => (a.level === b.level ? a.code.localeCompare(b.code) : a.level === "township" ? -1 : 1));
  return { errors, create, unchanged };
}
