import { runAction } from "@/lib/server/action";
import { orgImportTemplate } from "@/lib/server/org-units/org-import-template";

/** The organisation import workbook, pre-filled with the admin's county (admins only). */
export async function GET() {
  const result = await runAction(orgImportTemplate, {});
  if (!result.ok) return new Response(result.message, { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  const { fileName, bytes } = result.data;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="org-units.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "cache-control": "no-store",
    },
  });
}
