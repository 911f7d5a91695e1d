import { NoticeFontMissingError, publicityNoticePdf } from "@/lib/server/applications/publicity-notice-pdf";
import { respondWithFile, textResponse } from "@/lib/server/file-response";

export const dynamic = "force-dynamic";

/** The 公示 notice of a round as an A4 PDF, one page per village (IDs masked). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return respondWithFile(
    "publicity notice pdf",
    async (actor) => {
      const result = await publicityNoticePdf(actor, { id });
      return {
        bytes: result.bytes,
        fileName: result.fileName,
        asciiFileName: `publicity-${result.number}.pdf`,
        contentType: "application/pdf",
      };
    },
    (error) =>
      error instanceof NoticeFontMissingError
        ? textResponse(503, "服务器未安装中文字体，暂时无法生成 PDF。请系统管理员安装 fonts-noto-cjk 字体包（apt-get install fonts-noto-cjk）后重试；也可在公示页面使用浏览器打印。")
        : undefined,
  );
}
