/** The seven roles of the portal (DEVELOPERS brief; issue 2). */
export const ROLES = [
  "village_cadre",
  "township_officer",
  "county_officer",
  "bank_officer",
  "finance_officer",
  "auditor",
  "admin",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS = {
  village_cadre: "村级金融扶贫服务部",
  township_officer: "乡镇金融扶贫服务站",
  county_officer: "县级金融扶贫服务中心",
  bank_officer: "合作银行",
  finance_officer: "财政局",
  auditor: "审计",
  admin: "系统管理员",
} as const satisfies Record<Role, string>;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
