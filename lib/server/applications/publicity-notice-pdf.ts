import "server-only";
import { existsSync } from "node:fs";
import PDFDocument from "pdfkit";
import { z } from "zod";
import { formatAmount } from "@/lib/domain/money";
import { defineQuery } from "../use-case";
import { loadPublicityNotice, noticeText, PUBLICITY_NOTICE_ROLES, type PublicityNotice } from "./get-publicity-notice";

/** Debian's fonts-noto-cjk; the collection's Simplified Chinese face. */
export const NOTICE_FONT_PATH = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
export const NOTICE_FONT_NAME = "NotoSansCJKsc-Regular";

/** The server has no CJK font: the route answers 503 and says what to install. */
export class NoticeFontMissingError extends Error {
  constructor(readonly path: string) {
    super(`CJK font not found at ${path} (install fonts-noto-cjk)`);
    this.name = "NoticeFontMissingError";
  }
}

const MM = 72 / 25.4;
const MARGIN = 15 * MM;
const A4 = { width: 595.28, height: 841.89 };
const CONTENT = A4.width - 2 * MARGIN;
const ROW = 20;
const COLUMNS = [
  { title: "序号", width: 32, align: "center" },
  { title: "户主姓名", width: 72, align: "center" },
  { title: "身份证号", width: 128, align: "center" },
  { title: "申请金额（元）", width: 92, align: "right" },
  { title: "期限（月）", width: 58, align: "center" },
  { title: "贷款用途", width: CONTENT - 32 - 72 - 128 - 92 - 58, align: "center" },
] as const;

type Doc = InstanceType<typeof PDFDocument>;

function cellTexts(doc: Doc, y: number, texts: readonly string[], header = false) {
  let x = MARGIN;
  doc.lineWidth(0.6);
  COLUMNS.forEach((col, i) => {
    doc.rect(x, y, col.width, ROW).stroke();
    doc.text(texts[i] ?? "", x + 4, y + 5, {
      width: col.width - 8,
      height: ROW - 6,
      align: header ? "center" : col.align,
      lineBreak: false,
      ellipsis: true,
    });
    x += col.width;
  });
}

function paragraph(doc: Doc, text: string, options: PDFKit.Mixins.TextOptions = {}) {
  doc.text(text, MARGIN, doc.y, { width: CONTENT, lineGap: 4, ...options });
}

/** The notice as an A4 portrait PDF, one village per page (a long list continues on the next). */
export async function renderPublicityNoticePdf(notice: PublicityNotice, fontPath = NOTICE_FONT_PATH): Promise<Buffer> {
  if (!existsSync(/*turbopackIgnore: true*/ fontPath)) throw new NoticeFontMissingError(fontPath);
  // font: null keeps pdfkit from loading its default Latin font; every text uses the CJK face.
  const doc = new PDFDocument({
    size: "A4",
    layout: "portrait",
    margin: MARGIN,
    autoFirstPage: false,
    font: null as unknown as string,
    info: { Title: `${notice.title}（${notice.number}）`, Author: notice.issuingUnit },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("cjk", fontPath, NOTICE_FONT_NAME);

  const bottom = A4.height - MARGIN;
  for (const village of notice.villages) {
    const t = noticeText(notice, village);
    doc.addPage();
    doc.font("cjk").fillColor("black");
    doc.fontSize(20).text(notice.title, MARGIN, MARGIN, { width: CONTENT, align: "center" });
    doc.moveDown(0.3);
    doc.fontSize(13).text(t.heading, { width: CONTENT, align: "center" });
    doc.fontSize(9).text(`编号：${notice.number}`, MARGIN, doc.y, { width: CONTENT, align: "right" });
    doc.moveDown(0.5);
    doc.fontSize(11);
    paragraph(doc, t.intro, { indent: 22 });
    doc.moveDown(0.5);

    doc.fontSize(10);
    let y = doc.y;
    const header = COLUMNS.map((c) => c.title);
    cellTexts(doc, y, header, true);
    y += ROW;
    village.rows.forEach((row, i) => {
      if (y + ROW > bottom) {
        doc.addPage();
        doc.font("cjk").fontSize(10);
        y = MARGIN;
        cellTexts(doc, y, header, true);
        y += ROW;
      }
      cellTexts(doc, y, [String(i + 1), row.name, row.idNumber, formatAmount(row.amount), String(row.termMonths), row.purpose]);
      y += ROW;
    });
    if (y + ROW > bottom) {
      doc.addPage();
      doc.font("cjk").fontSize(10);
      y = MARGIN;
    }
    cellTexts(doc, y, ["合计", `${village.rows.length} 户`, "", formatAmount(village.totalAmount), "", ""]);
    y += ROW;

    // The closing lines stay together: on a new page when they do not fit under the table.
    doc.fontSize(11);
    if (y + 140 > bottom) {
      doc.addPage();
      doc.font("cjk").fontSize(11);
      y = MARGIN;
    }
    doc.y = y + 14;
    paragraph(doc, t.period, { indent: 22 });
    paragraph(doc, t.objection, { indent: 22 });
    doc.moveDown(2);
    paragraph(doc, notice.issuingUnit, { align: "right" });
    paragraph(doc, t.date, { align: "right" });
  }
  doc.end();
  return done;
}

/** The notice of a round as a PDF, for the same people who may see the printable page. */
export const publicityNoticePdf = defineQuery({
  name: "publicity.noticePdf",
  roles: PUBLICITY_NOTICE_ROLES,
  input: z.object({ id: z.string() }),
  async run({ actor, input, tx }) {
    const notice = await loadPublicityNotice(tx, actor, input.id);
    const bytes = await renderPublicityNoticePdf(notice);
    return { number: notice.number, fileName: `扶贫小额信贷申请公示-${notice.number}.pdf`, bytes };
  },
});
