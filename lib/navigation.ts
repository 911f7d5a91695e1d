import { ROLES, type Role } from "@/lib/domain/roles";

export type NavItem = { href: string; label: string; roles: readonly Role[] };

/** The portal's sections and who sees them; a section appears here when it exists. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "首页", roles: ROLES },
  { href: "/dashboard", label: "数据总览", roles: ["village_cadre", "township_officer", "county_officer", "finance_officer", "auditor", "admin"] },
  { href: "/reports/ledger", label: "贷款台账", roles: ["township_officer", "county_officer", "finance_officer", "auditor", "admin"] },
  { href: "/reports", label: "报表", roles: ["township_officer", "county_officer", "bank_officer", "finance_officer", "auditor", "admin"] },
  { href: "/households", label: "农户信息", roles: ROLES },
  { href: "/applications", label: "贷款申请", roles: ROLES },
  { href: "/enterprises", label: "带贫主体", roles: ["township_officer", "county_officer", "auditor"] },
  { href: "/publicity", label: "公示", roles: ["village_cadre", "township_officer", "county_officer", "auditor"] },
  { href: "/batches", label: "批转银行", roles: ["county_officer", "bank_officer", "auditor"] },
  { href: "/loans", label: "贷后管理", roles: ["village_cadre", "township_officer", "county_officer", "bank_officer", "finance_officer", "auditor"] },
  { href: "/risk/breaker", label: "风险与熔断", roles: ["township_officer", "county_officer", "bank_officer", "finance_officer", "auditor"] },
  { href: "/credit", label: "信用评级", roles: ["village_cadre", "township_officer", "county_officer", "bank_officer", "finance_officer", "auditor"] },
  { href: "/subsidy", label: "贴息", roles: ["county_officer", "finance_officer", "bank_officer", "auditor"] },
  { href: "/evaluation", label: "银行考评", roles: ["county_officer", "auditor", "admin"] },
  { href: "/calculator", label: "政策计算器", roles: ["county_officer", "finance_officer", "auditor"] },
  { href: "/admin/users", label: "用户管理", roles: ["admin"] },
  { href: "/admin/org-units", label: "组织机构", roles: ["admin"] },
  { href: "/admin/banks", label: "合作银行", roles: ["admin"] },
  { href: "/admin/policy-profiles", label: "政策参数", roles: ["admin"] },
  { href: "/admin/calendar", label: "节假日", roles: ["admin"] },
  { href: "/admin/rates", label: "利率", roles: ["admin"] },
  { href: "/credit/sheets", label: "评级指标", roles: ["admin"] },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}

/** What each role does in the portal, shown on the home page. */
export const ROLE_DUTIES = {
  village_cadre: ["采集本村农户基础信息并维护信用档案", "受理农户贷款申请并上报乡镇", "协助贷后管理与逾期催收"],
  township_officer: ["审核各村上报的农户信息与贷款申请", "组织公示并推荐上报县中心", "协助贷后管理与不良贷款清收"],
  county_officer: ["审批并批转贷款申请至合作银行", "管理风险补偿金与逾期分担", "监测熔断机制与审核贴息"],
  bank_officer: ["批量审批推荐的贷款申请", "登记放款与还款", "落实缓冲期与风险分担"],
  finance_officer: ["审核并拨付贴息资金", "查看贴息与风险补偿金台账"],
  auditor: ["浏览各级数据与台账（只读）", "下钻查看与导出报表"],
  admin: ["管理用户、组织机构与合作银行", "维护政策参数、节假日与利率"],
} as const satisfies Record<Role, readonly string[]>;
