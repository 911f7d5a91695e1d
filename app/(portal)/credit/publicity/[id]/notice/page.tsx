import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/print-button";
import { requireActor } from "@/lib/server/auth/current-actor";
import { getRatingPublicityNotice } from "@/lib/server/credit/get-rating-publicity-notice";
import { AppError } from "@/lib/server/errors";

export const metadata: Metadata = { title: "农户信用评级公示" };

/** "2026-03-02" → "2026年3月2日", as notices are dated. */
function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map((p) => Number.parseInt(p, 10));
  return `${y}年${m}月${d}日`;
}

// The same A4 approach as the application notice: a 210 mm sheet on screen, page margins on paper.
const PRINT_CSS = `
@page { size: A4 portrait; margin: 15mm; }
.notice-sheet { width: 210mm; max-width: 100%; }
@media print {
  html, body { background: #fff !important; }
  main { max-width: none !important; padding: 0 !important; margin: 0 !important; }
  .notice-sheet { width: auto; max-width: none; margin: 0 !important; padding: 0 !important; box-shadow: none !important; border: 0 !important; }
  .notice-sheet thead { display: table-header-group; }
  .notice-sheet tr, .notice-closing { break-inside: avoid; page-break-inside: avoid; }
  .notice-sheet { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

export default async function RatingNoticePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const n = await getRatingPublicityNotice(actor, { id }).catch((error) => {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  });
  const place = `${n.township}${n.village}`;
  return (
    <div className="space-y-6">
      <style>{PRINT_CSS}</style>
      <div className="no-print flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-lg font-semibold">评级公示 {n.number}</h1>
        <div className="flex flex-wrap items-center gap-2">
          <PrintButton />
          <Link href="/credit" className="text-sm text-blue-700 underline">返回信用评级</Link>
        </div>
      </div>
      <article className="notice-sheet mx-auto bg-white p-4 text-[11pt] leading-relaxed text-black shadow-sm sm:p-[15mm]" data-testid="rating-notice" aria-label={`${place}信用评级公示`}>
        <header className="text-center">
          <h2 className="text-[20pt] font-bold tracking-wider">农户信用评级结果公示</h2>
          <p className="mt-1 text-[13pt]">{place}</p>
          <p className="text-right text-[9pt] text-slate-700">编号：{n.number}</p>
        </header>
        <p className="mt-3 indent-[2em]">
          经村级金融扶贫服务部采集、乡镇金融扶贫服务站审核，现将{place}以下 {n.rows.length} 户农户的信用评级结果予以公示，接受群众监督。
        </p>
        <table className="mt-3 w-full border-collapse text-[10pt]">
          <thead>
            <tr>{["序号", "户主姓名", "身份证号", "评分", "信用等级"].map((h) => <th key={h} scope="col" className="border border-black px-1 py-1 font-semibold">{h}</th>)}</tr>
          </thead>
          <tbody>
            {n.rows.map((r, i) => (
              <tr key={r.id}>
                <td className="border border-black px-1 py-1 text-center">{i + 1}</td>
                <td className="border border-black px-1 py-1 text-center">{r.name}</td>
                <td className="border border-black px-1 py-1 text-center tabular-nums">{r.idNumber}</td>
                <td className="border border-black px-1 py-1 text-center tabular-nums">{r.score}</td>
                <td className="border border-black px-1 py-1 text-center">{r.grade}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="notice-closing mt-4">
          <p className="indent-[2em]">公示期：{chineseDate(n.openedOn)}至{chineseDate(n.endsOn)}。</p>
          <p className="indent-[2em]">公示期内如对评级结果有异议，请向{n.objectionContact}反映；异议经核实成立的，将重新评定。</p>
          <div className="mt-8 text-right">
            <p>{n.issuingUnit}</p>
            <p>{chineseDate(n.openedOn)}</p>
          </div>
        </div>
      </article>
    </div>
  );
}
