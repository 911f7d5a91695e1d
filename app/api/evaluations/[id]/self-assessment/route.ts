import { getSelfAssessment } from "@/lib/server/evaluation/get-self-assessment";
import { respondWithFile } from "@/lib/server/file-response";

/** A bank's uploaded self-assessment, shown in the browser. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return respondWithFile("self-assessment", async (actor) => {
    const file = await getSelfAssessment(actor, { id });
    return { bytes: file.data, fileName: file.fileName, asciiFileName: "self-assessment", contentType: file.mimeType, disposition: "inline" };
  });
}
