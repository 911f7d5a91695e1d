import { respondWithFile } from "@/lib/server/file-response";
import { orgImportTemplate } from "@/lib/server/org-units/org-import-template";

/** The organisation import workbook, pre-filled with the admin's county (admins only). */
export async function GET() {
  return respondWithFile("org-units template", async (actor) => {
    const { fileName, bytes } = await orgImportTemplate(actor, {});
    return {
      bytes,
      fileName,
      asciiFileName: "org-units.xlsx",
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
  });
}
