import { getAttachment } from "@/lib/server/applications/get-attachment";
import { respondWithFile } from "@/lib/server/file-response";

/** An application's scan or photo, shown in the browser, for whoever may see the application. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return respondWithFile("attachment", async (actor) => {
    const file = await getAttachment(actor, { id });
    return { bytes: file.data, fileName: file.fileName, asciiFileName: "attachment", contentType: file.mimeType, disposition: "inline" };
  });
}
