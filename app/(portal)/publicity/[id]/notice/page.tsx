import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/print-button";
import { formatAmount } from "@/lib/domain/money";
import { getPublicityNotice, noticeText } from "@/lib/server/applications/get-publicity-notice";
import { requireActor } from "@/lib/server/auth/current-actor";
import { AppError } from "@/lib/server/errors";

export const metadata: Metadata = { title: "扶贫小额信贷申请公示" };

// A4 portrait, 15 mm margins: on screen each village is a 210 mm sheet with 15 mm padding; on
// paper the page margins take the padding's place. One village per printed page (a long list
// continues on the next, with the table header repeated).
const PRINT_CSS = `
@page { size: A4 portrait; margin: 15mm; }
.notice-sheet { width: 210mm; max-width: 100%; }
@media print {
  html, body { background: #fff !important; }
  main { max-width: none !important; padding: 0 !important; margin: 0 !important; }
  .notice-sheet { width: auto; max-width: none; margin: 0 !important; padding: 0 !important; box-shadow: none !important; border: 0 !important; }
  .notice-sheet + .notice-sheet { break-before: page; page-break-before: always; }
  .notice-sheet thead { display: table-header-group; }
  .notice-sheet tr, .notice-closing { break-inside: avoid; page-break-inside: avoid; }
  .notice-sheet { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

async function loadNotice(id: string) {
  const actor = await requireActor();
  try {
    return await getPublicityNotice(actor, { id });
  } catch (error) {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}

export default async function PublicityNoticePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const notice = await loadNotice(id);
  return (
    <div className="space-y-6">
      <style>{PRINT_CSS}</style>
      <div className="no-print flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-lg font-semibold">公示文书 {notice.number}</h1>
          <p className="text-sm text-slate-600">
            共 {notice.villages.length} 个村，每村一页（A4 纵向）；打印时不显示菜单。
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <PrintButton />
          <a href={`/api/publicity/${notice.id}/notice.pdf`} className="rounded border border-blue-700 px-4 py-2 text-sm text-blue-700 hover:bg-blue-50" download>
            下载 PDF
          </a>
          <Link href="/publicity" className="text-sm text-blue-700 underline">返回公示列表</Link>
        </div>
      </div>

      {notice.villages.map((village) => {
        const t = noticeText(notice, village);
        return (
          <article
            key={village.unitId}
            className="notice-sheet mx-auto bg-white p-4 text-[11pt] sm:p-[15mm] leading-relaxed text-black shadow-sm"
            aria-label={`${t.heading}公示`}
            data-testid="notice-sheet"
          >
            <header className="text-center">
              <h2 className="text-[20pt] font-bold tracking-wider">{notice.title}</h2>
              <p className="mt-1 text-[13pt]">{t.heading}</p>
              <p className="text-right text-[9pt] text-slate-700">编号：{notice.number}</p>
            </header>
            <p className="mt-3 indent-[2em]">{t.intro}</p>
            <table className="mt-3 w-full border-collapse text-[10pt]">
              <thead>
                <tr>
                  {["序号", "户主姓名", "身份证号", "申请金额（元）", "期限（月）", "贷款用途"].map((h) => (
                    <th key={h} scope="col" className="border border-black px-1 py-1 font-semibold">{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {village.rows.map((row, i) => (
                  <tr key={row.number}>
                    <td className="border border-black px-1 py-1 text-center">{i + 1}</td>
                    <td className="border border-black px-1 py-1 text-center">{row.name}</td>
                    <td className="border border-black px-1 py-1 text-center tabular-nums">{row.idNumber}</td>
                    <td className="border border-black px-1 py-1 text-right tabular-nums">{formatAmount(row.amount)}</td>
                    <td className="border border-black px-1 py-1 text-center">{row.termMonths}</td>
                    <td className="border border-black px-1 py-1 text-center">{row.purpose}</td>
                  </tr>
                ))}
                {/* In the body, not a tfoot: browsers repeat a tfoot on every printed page. */}
                <tr>
                  <td className="border border-black px-1 py-1 text-center">合计</td>
                  <td className="border border-black px-1 py-1 text-center">{village.rows.length} 户</td>
                  <td className="border border-black px-1 py-1" />
                  <td className="border border-black px-1 py-1 text-right tabular-nums">{formatAmount(village.totalAmount)}</td>
                  <td className="border border-black px-1 py-1" />
                  <td className="border border-black px-1 py-1" />
                </tr>
              </tbody>
            </table>
            <div className="notice-closing mt-4">
              <p className="indent-[2em]">{t.period}</p>
              <p className="indent-[2em]">{t.objection}</p>
              <div className="mt-8 text-right">
                <p>{notice.issuingUnit}</p>
                <p>{t.date}</p>
              </div>
            </div>
          </article>
        );
      })}
    </div>
  );
}
