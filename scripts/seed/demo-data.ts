/** The demo county (示范县): 3 townships × 4 villages; 12-digit 统计用区划代码 (fictional county 410499). */
export const DEMO_COUNTY = { code: "410499000000", name: "示范县" };

export const DEMO_TOWNSHIPS = [
  { code: "410499101000", name: "城关镇", villages: ["东关村", "西关村", "南街村", "北街村"] },
  { code: "410499102000", name: "柳河乡", villages: ["柳河村", "杨庄村", "李楼村", "王岗村"] },
  { code: "410499103000", name: "石桥镇", villages: ["石桥村", "张湾村", "刘寨村", "马庄村"] },
] as const;

export const DEMO_BANKS = [
  { name: "中国农业银行示范县支行", branch: "城关营业部", contact: "周经理", phone: "0375-6210001" },
  { name: "示范县农村商业银行", branch: "营业部", contact: "孙主任", phone: "0375-6210002" },
] as const;

export const DEMO_PASSWORD = "Shifan@2026";

/** One user per role, plus a second village cadre and a second county officer (maker-checker). */
export const DEMO_USERS = [
  { username: "cun01", displayName: "赵村干", role: "village_cadre", unit: "410499101001" },
  { username: "cun02", displayName: "钱村干", role: "village_cadre", unit: "410499101002" },
  { username: "xiang01", displayName: "孙站长", role: "township_officer", unit: "410499101000" },
  { username: "xian01", displayName: "李主任", role: "county_officer", unit: "410499000000" },
  { username: "xian02", displayName: "周科长", role: "county_officer", unit: "410499000000" },
  { username: "yinhang01", displayName: "吴信贷员", role: "bank_officer", unit: "410499000000", bank: 0 },
  { username: "caizheng01", displayName: "郑会计", role: "finance_officer", unit: "410499000000" },
  { username: "shenji01", displayName: "冯审计", role: "auditor", unit: "410499000000" },
  { username: "admin01", displayName: "陈管理员", role: "admin", unit: "410499000000" },
] as const;

export const HOUSEHOLDS_PER_VILLAGE = 50;
