import { respondWithFile } from "@/lib/server/file-response";
import { householdImportTemplate } from "@/lib/server/households/import-households";

/** The household import workbook, listing the villages the user may register households in. */
export async function GET() {
  return respondWithFile("household.importTemplate", (actor) => householdImportTemplate(actor, {}));
}
