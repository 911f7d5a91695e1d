import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs, StatCard } from "@/components/dashboard-widgets";
import { type RecordColumn, RecordTable } from "@/components/record-table";
import { TrendChart } from "@/components/trend-chart";
import { D } from "@/lib/domain/decimal";
import { formatWanYuan } from "@/lib/domain/money";
import type { Role } from "@/lib/domain/roles";
import { requireActor } from "@/lib/server/auth/current-actor";
import { dashboardOverview } from "@/lib/server/dashboard/dashboard-overview";
import { AppError } from "@/lib/server/errors";

export const metadata: Metadata = { title: "数据总览" };

const percent = (r: string | null) => (r === null ? "—" : `${new D(r).times(100).toFixed(2)}%`);
// One formatter for every request: toLocaleTimeString would build one per call.
const CLOCK = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", hour12: false, hour: "2-digit", minute: "2-digit", second: "2-digit" });
const LEVEL_LABELS = { all: "全部", county: "县", township: "乡镇", village: "村" } as const;

const rankingColumns = (level: string): RecordColumn[] => [
  { label: "排名" }, { label: level }, { label: "可贷户数", align: "right" }, { label: "获贷户数", align: "right" }, { label: "获贷率", align: "right" },
  { label: "在贷笔数", align: "right" }, { label: "贷款余额", align: "right" }, { label: "不良率", align: "right" }, { label: "熔断" },
];

/** Where a figure's records are listed, for the roles that may open that list. */
function linkFor(role: Role, target: "loans" | "breaker" | "subsidy" | "fund" | "credit" | "households" | "lossCases" | "ledger", query = ""): string | undefined {
  const allowed: Record<typeof target, readonly Role[]> = {
    households: ["village_cadre", "township_officer", "county_officer", "bank_officer", "finance_officer", "auditor", "admin"],
    loans: ["village_cadre", "township_officer", "county_officer", "bank_officer", "finance_officer", "auditor"],
    lossCases: ["village_cadre", "township_officer", "county_officer", "bank_officer", "finance_officer", "auditor"],
    breaker: ["township_officer", "county_officer", "bank_officer", "finance_officer", "auditor"],
    subsidy: ["county_officer", "finance_officer", "bank_officer", "auditor"],
    fund: ["county_officer", "finance_officer", "auditor"],
    credit: ["village_cadre", "township_officer", "county_officer", "bank_officer", "finance_officer", "auditor"],
    ledger: ["county_officer", "township_officer", "finance_officer", "auditor", "admin"],
  };
  const path = { households: "/households", loans: "/loans", lossCases: "/loans/loss-cases", breaker: "/risk/breaker", subsidy: "/subsidy", fund: "/risk/fund", credit: "/credit", ledger: "/reports/ledger" }[target];
  return allowed[target].includes(role) ? `${path}${query}` : undefined;
}

async function load(unit: string | undefined) {
  const actor = await requireActor();
  try {
    return { actor, v: await dashboardOverview(actor, { unit }) };
  } catch (error) {
    if (error instanceof AppError && ["NOT_FOUND", "VALIDATION"].includes(error.code)) notFound();
    throw error;
  }
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ unit?: string }> }) {
  const params = await searchParams;
  const { actor, v } = await load(typeof params.unit === "string" ? params.unit : undefined);
  const f = v.figures;
  const role = actor.role;
  const unitHref = (id: string | null) => (id ? `/dashboard?unit=${id}` : "/dashboard");
  const ledgerQuery = v.unit.level === "township" ? `?townshipId=${v.unit.id}` : "";
  const bucket = (b: { count: number; amount: string }) => `${b.count} 笔 · ${formatWanYuan(b.amount)}`;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-lg font-semibold" data-testid="dashboard-title">数据总览 · {v.unit.name}</h1>
        <span className="text-sm text-slate-500">
          截至 {v.today} · <span data-testid="dashboard-computed-at">数据更新于 {CLOCK.format(new Date(v.computedAt))}</span>
        </span>
      </div>
      <Breadcrumbs items={v.crumbs.map((c) => ({ label: c.name, href: unitHref(c.id) }))} />

      <section aria-label="核心指标" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label="建档立卡等户数（可贷身份）" value={`${f.registered} 户`} href={linkFor(role, "households")} testId="stat-registered" />
        <StatCard label="累计获贷户数" value={`${f.borrowers} 户`} sub={`获贷率 ${percent(v.uptake)}`} href={linkFor(role, "loans", "?status=all")} testId="stat-borrowers" />
        <StatCard label="在贷笔数 / 贷款余额" value={formatWanYuan(f.outstanding)} sub={`${f.loans} 笔`} href={linkFor(role, "loans", "?status=active")} testId="stat-outstanding" />
        <StatCard
          label={`不良率（逾期超过 ${v.nplDays} 天或缓冲期、代偿）`}
          value={percent(v.nplRatio)}
          sub={
            v.breaker
              ? v.breaker.tripped ? "已熔断，暂停新增贷款" : v.breaker.halted ? "所属乡镇熔断，暂停新增贷款" : "未熔断"
              : v.trippedAreas !== null ? `已熔断乡镇/村 ${v.trippedAreas} 个` : `不良余额 ${formatWanYuan(f.npl)}`
          }
          href={linkFor(role, "breaker")}
          testId="stat-npl"
        />
      </section>

      <section aria-label="逾期分布" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <StatCard label="逾期 1–30 天" value={bucket(f.buckets.d1to30)} href={linkFor(role, "loans", "?status=overdue")} testId="bucket-1-30" />
        <StatCard label="逾期 31–70 天" value={bucket(f.buckets.d31to70)} href={linkFor(role, "loans", "?status=overdue")} testId="bucket-31-70" />
        <StatCard label="逾期 70 天以上（未入缓冲期）" value={bucket(f.buckets.over70)} href={linkFor(role, "loans", "?status=overdue")} testId="bucket-over-70" />
        <StatCard label="缓冲期" value={bucket(f.buckets.inBuffer)} href={linkFor(role, "loans", "?status=inBuffer")} testId="bucket-buffer" />
        <StatCard label="代偿 / 分担" value={bucket(f.buckets.claim)} href={linkFor(role, "lossCases")} testId="bucket-claim" />
      </section>

      <section aria-label="贴息、风险补偿金与信用" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label="本季度已拨付贴息" value={formatWanYuan(f.subsidyQuarter)} sub={`本年累计 ${formatWanYuan(f.subsidyYear)}`} href={linkFor(role, "subsidy")} testId="stat-subsidy" />
        {v.fundBalance !== null ? (
          <StatCard
            label="风险补偿金余额"
            value={formatWanYuan(v.fundBalance)}
            sub={`补偿金 ÷ 贷款余额 ${percent(v.fundRatio)}${v.leverage ? `（放大 ${new D(v.leverage).toFixed(2)} 倍）` : ""}`}
            href={linkFor(role, "fund")}
            testId="stat-fund"
          />
        ) : null}
        <StatCard label="信用村 / 信用乡镇" value={`${v.credit.villages} 个 / ${v.credit.townships} 个`} href={linkFor(role, "credit")} testId="stat-credit" />
        {linkFor(role, "ledger") ? <StatCard label="贷款台账" value="查看与导出" href={linkFor(role, "ledger", ledgerQuery)} /> : null}
      </section>

      <TrendChart
        points={v.trend.map((p) => ({ ...p, disbursedLabel: formatWanYuan(p.disbursed), outstandingLabel: formatWanYuan(p.outstanding) }))}
      />

      {v.childLevel ? (
        <section className="space-y-2">
          <h2 className="font-semibold">下级{LEVEL_LABELS[v.childLevel]}排名（按贷款余额）</h2>
          <RecordTable
            columns={rankingColumns(LEVEL_LABELS[v.childLevel])}
            rows={v.children.map((c, i) => ({
              ...(c.tripped ? { highlight: true } : {}),
              cells: [
                i + 1, { link: unitHref(c.id), text: c.name }, c.figures.registered, c.figures.borrowers, percent(c.uptake), c.figures.loans,
                formatWanYuan(c.figures.outstanding), percent(c.nplRatio), c.halted === null ? "—" : c.tripped ? "已熔断" : c.halted ? "随乡镇暂停" : "正常",
              ],
            }))}
            empty="暂无下级区域。"
            testId="child-areas"
          />
        </section>
      ) : null}
    </div>
  );
}
