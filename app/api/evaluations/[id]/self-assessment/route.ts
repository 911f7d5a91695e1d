import { routeActor } from "@/lib/server/auth/current-actor";
import { AppError } from "@/lib/server/errors";
import { getSelfAssessment } from "@/lib/server/evaluation/get-self-assessment";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await routeActor();
  if (!actor) return new Response("请先登录。", { status: 401 });
  try {
    const file = await getSelfAssessment(actor, { id: (await params).id });
    return new Response(new Uint8Array(file.data), {
      headers: {
        "Content-Type": file.mimeType,
        "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return new Response(error.message, { status: error.status });
    throw error;
  }
}
