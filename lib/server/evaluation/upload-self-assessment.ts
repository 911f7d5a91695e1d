import "server-only";
import { z } from "zod";
import { MAX_ATTACHMENT_BYTES, sniffMimeType } from "../applications/attachment-rules";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { loadEvaluationInScope } from "./load-evaluation";

/** Attaches the bank's self-assessment (PDF or image, ≤ 10 MB) to an evaluation not yet approved. */
export const uploadSelfAssessment = defineMutation({
  name: "evaluation.uploadSelfAssessment",
  roles: ["county_officer"],
  input: z.object({
    id: z.string(),
    fileName: z.string().trim().min(1, "请选择文件").max(200, "文件名过长"),
    data: z.instanceof(Uint8Array, { error: "请选择文件" }),
  }),
  async run({ actor, input: { id, fileName, data }, tx, audit }) {
    const row = await loadEvaluationInScope(tx, actor, id);
    if (row.status === "approved") throw new AppError("CONFLICT", "该考评已审定，不能再上传自评材料。");
    if (data.byteLength === 0) throw AppError.field("file", "文件是空的，请重新选择");
    if (data.byteLength > MAX_ATTACHMENT_BYTES) throw AppError.field("file", "文件不能超过 10 MB，请压缩后再上传");
    const mimeType = sniffMimeType(data);
    if (!mimeType) throw AppError.field("file", "只能上传图片（JPG、PNG、WEBP）或 PDF 文件");
    const updated = await tx.bankEvaluation.updateMany({
      where: { id, version: row.version, status: "draft" },
      data: { selfAssessmentName: fileName, selfAssessmentType: mimeType, selfAssessment: Buffer.from(data), version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", "该考评已被他人修改或已审定，请刷新页面。");
    await audit({
      action: "evaluation.uploadSelfAssessment", entity: "BankEvaluation", entityId: id, countyId: row.countyId,
      after: { fileName, mimeType, size: data.byteLength },
    });
    return { id, fileName };
  },
});
