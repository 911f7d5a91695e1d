import type { Metadata } from "next";
import { AdminForm } from "@/components/admin-form";
import { Pagination } from "@/components/pagination";
import { LOAN_TABS, SectionTabs } from "@/components/section-tabs";
import { type RecordColumn, RecordTable } from "@/components/record-table";
import { LOAN_STATE_LABELS, LOAN_STATES } from "@/lib/domain/loan-workflow";
import { formatAmount } from "@/lib/domain/money";
import { requireActor } from "@/lib/server/auth/current-actor";
import { listLoans } from "@/lib/server/loans/list-loans";
import { importRepaymentsAction } from "./actions";

export const metadata: Metadata = { title: "贷后管理" };

const LOAN_COLUMNS: RecordColumn[] = [
  { label: "合同编号" }, { label: "借款人" }, { label: "银行" }, { label: "贷款金额（元）", align: "right" }, { label: "剩余本金（元）", align: "right" },
  { label: "状态" }, { label: "下次到期" }, { label: "逾期自" },
];
const FILTERS = [["active", "未结清"], ["all", "全部"], ...LOAN_STATES.map((s) => [s, LOAN_STATE_LABELS[s]])] as const;

export default async function LoansPage({ searchParams }: { searchParams: Promise<{ status?: string; q?: string; page?: string }> }) {
  const params = await searchParams;
  const actor = await requireActor();
  const status = FILTERS.some(([v]) => v === params.status) ? params.status! : "active";
  const q = (params.q ?? "").slice(0, 40);
  const data = await listLoans(actor, { status, q, page: params.page ?? "1" });
  const hrefFor = (page: number) => `/loans?${new URLSearchParams({ status, q, page: String(page) })}`;
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">贷后管理</h1>
      <SectionTabs tabs={LOAN_TABS} current="/loans" />
      <form role="search" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="status" className="block text-sm">贷款状态</label>
          <select id="status" name="status" defaultValue={status} className="rounded border border-slate-300 px-3 py-2">
            {FILTERS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="q" className="block text-sm">合同编号</label>
          <input id="q" name="q" defaultValue={q} className="rounded border border-slate-300 px-3 py-2" />
        </div>
        <button className="rounded border border-slate-300 bg-white px-4 py-2">查询</button>
      </form>
      <RecordTable
        columns={LOAN_COLUMNS}
        rows={data.loans.map((l) => ({
          id: l.id,
          highlight: l.overdueSince !== null,
          cells: [
            { link: `/loans/${l.id}`, text: l.contractNumber }, l.borrower, l.bank, formatAmount(l.principal), formatAmount(l.outstanding),
            { badge: l.status, text: LOAN_STATE_LABELS[l.status] }, l.nextDue, l.overdueSince ? `${l.overdueSince} 到期未还` : null,
          ],
        }))}
        empty="没有符合条件的贷款。"
      />
      <Pagination page={data.page} pageSize={50} total={data.total} hrefFor={hrefFor} />
      {data.mayRecord ? (
        <section aria-labelledby="upload-title" className="space-y-2">
          <h2 id="upload-title" className="font-semibold">批量登记还款</h2>
          <p className="text-sm text-slate-600">
            请<a href="/api/loans/repayment-template" className="text-blue-700 underline" download>下载还款登记模板</a>
            （已列出您经办的在贷贷款），每笔还款填写一行后上传（.xlsx 或 .csv）。银行流水号用于防止重复入账：同一文件重复上传不会重复登记；任何一行有错误时整份文件都不会写入。
          </p>
          <AdminForm action={importRepaymentsAction} submitLabel="上传并登记" pendingLabel="正在导入…" testId="repayment-upload"
            fields={[{ name: "file", label: "还款数据文件（.xlsx 或 .csv）", type: "file", accept: ".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", wide: true }]} />
        </section>
      ) : null}
    </div>
  );
}
