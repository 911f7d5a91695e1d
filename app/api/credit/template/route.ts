import { respondWithFile } from "@/lib/server/file-response";
import { ratingTemplate } from "@/lib/server/credit/rating-template";

/** The village's bulk rating workbook (issue 5, step 6). */
export async function GET() {
  return respondWithFile("credit.ratingTemplate", (actor) => ratingTemplate(actor, {}));
}
