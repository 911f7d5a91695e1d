import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Pagination } from "@/components/pagination";
import { type RecordColumn, RecordTable } from "@/components/record-table";
import { LOAN_STATE_LABELS, LOAN_STATES } from "@/lib/domain/loan-workflow";
import { formatAmount, formatWanYuan } from "@/lib/domain/money";
import { requireActor } from "@/lib/server/auth/current-actor";
import { LEDGER_PAGE_ROWS, LEDGER_ROLES } from "@/lib/server/dashboard/ledger-rows";
import { loanLedger } from "@/lib/server/dashboard/loan-ledger";
import { AppError } from "@/lib/server/errors";

export const metadata: Metadata = { title: "贷款台账" };

const STATUS_OPTIONS = [["active", "未结清"], ["all", "全部"], ...LOAN_STATES.map((s) => [s, LOAN_STATE_LABELS[s]])] as const;

const LEDGER_COLUMNS: RecordColumn[] = [
  { label: "合同编号" }, { label: "借款人" }, { label: "身份证号/信用代码", mono: true }, { label: "乡镇" }, { label: "村" }, { label: "银行" },
  { label: "放款日期" }, { label: "到期日期" }, { label: "年利率", align: "right" }, { label: "贷款金额（元）", align: "right" },
  { label: "余额（元）", align: "right" }, { label: "状态" },
];

type Params = { from?: string; to?: string; townshipId?: string; bankId?: string; status?: string; page?: string };

export default async function LedgerPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const actor = await requireActor();
  if (!(LEDGER_ROLES as readonly string[]).includes(actor.role)) notFound();
  const filters = Object.fromEntries(
    (["from", "to", "townshipId", "bankId", "status"] as const).flatMap((k) => (typeof params[k] === "string" && params[k] ? [[k, params[k]]] : [])),
  );
  let data: Awaited<ReturnType<typeof loanLedger>> | null = null;
  let problem: string | null = null;
  try {
    data = await loanLedger(actor, { ...filters, page: typeof params.page === "string" ? params.page : undefined });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "VALIDATION") throw error;
    problem = error.fieldErrors ? Object.values(error.fieldErrors).flat().join("；") : error.message;
  }
  const exportHref = `/api/reports/ledger?${new URLSearchParams(filters as Record<string, string>)}`;
  const pageHref = (page: number) => `/reports/ledger?${new URLSearchParams({ ...(filters as Record<string, string>), page: String(page) })}`;
  const f = data?.filters;
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">贷款台账</h1>
      <form role="search" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="from" className="block text-sm">放款日期自</label>
          <input id="from" name="from" type="date" defaultValue={f?.from ?? params.from ?? ""} className="rounded border border-slate-300 px-3 py-2" />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm">至</label>
          <input id="to" name="to" type="date" defaultValue={f?.to ?? params.to ?? ""} className="rounded border border-slate-300 px-3 py-2" />
        </div>
        <div>
          <label htmlFor="townshipId" className="block text-sm">乡镇</label>
          <select id="townshipId" name="townshipId" defaultValue={f?.townshipId ?? ""} className="rounded border border-slate-300 px-3 py-2">
            <option value="">全部</option>
            {data?.options.townships.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="bankId" className="block text-sm">贷款银行</label>
          <select id="bankId" name="bankId" defaultValue={f?.bankId ?? ""} className="rounded border border-slate-300 px-3 py-2">
            <option value="">全部</option>
            {data?.options.banks.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="status" className="block text-sm">贷款状态</label>
          <select id="status" name="status" defaultValue={f?.status ?? "active"} className="rounded border border-slate-300 px-3 py-2">
            {STATUS_OPTIONS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </div>
        <button className="rounded border border-slate-300 bg-white px-4 py-2">查询</button>
        {data ? <a href={exportHref} className="rounded bg-blue-700 px-4 py-2 text-white" download>导出 Excel</a> : null}
      </form>
      {problem ? <p role="alert" className="text-sm text-red-700">{problem}</p> : null}
      {data ? (
        <>
          <p className="text-sm text-slate-600">
            共 <span data-testid="ledger-count">{data.total.count}</span> 笔，贷款金额合计 <span data-testid="ledger-principal">{formatAmount(data.total.principal)}</span> 元，
            余额合计 <span data-testid="ledger-outstanding">{formatAmount(data.total.outstanding)}</span> 元（{formatWanYuan(data.total.outstanding)}）。
            {data.fullIdNumbers ? "" : "身份证号已脱敏。"}导出的工作簿与本页条件相同，并记入审计日志。
          </p>
          <RecordTable
            columns={LEDGER_COLUMNS}
            rows={data.rows.map((r) => ({
              id: r.id,
              cells: [
                { link: `/loans/${r.id}`, text: r.contractNumber }, r.borrower, r.idNumber, r.township, r.village, r.bank,
                r.disbursedOn, r.maturityDate, `${r.rate}%`, formatAmount(r.principal), formatAmount(r.outstanding), r.statusLabel,
              ],
            }))}
            empty="没有符合条件的贷款。"
            footer={{
              label: `合计 ${data.total.count} 笔${data.pages > 1 ? `（本页列出第 ${(data.page - 1) * LEDGER_PAGE_ROWS + 1}–${(data.page - 1) * LEDGER_PAGE_ROWS + data.rows.length} 笔，全部见导出）` : ""}`,
              span: 9,
              cells: [formatAmount(data.total.principal), formatAmount(data.total.outstanding), ""],
            }}
            testId="ledger-table"
          />
          <Pagination page={data.page} pageSize={LEDGER_PAGE_ROWS} total={data.total.count} hrefFor={pageHref} />
        </>
      ) : null}
    </div>
  );
}
