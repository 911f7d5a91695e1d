import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { ATTACHMENT_KIND_LABELS, MAX_ATTACHMENT_BYTES, sniffMimeType } from "./attachment-rules";
import { loadApplicationInScope } from "./load-application";

const KINDS = Object.keys(ATTACHMENT_KIND_LABELS) as [keyof typeof ATTACHMENT_KIND_LABELS, ...(keyof typeof ATTACHMENT_KIND_LABELS)[]];

const input = z.object({
  applicationId: z.string(),
  kind: z.enum(KINDS, { error: "请选择材料类型" }),
  fileName: z.string().trim().min(1, "请选择文件").max(200, "文件名过长"),
  data: z.instanceof(Uint8Array, { error: "请选择文件" }),
});

/** Attaches a scan or photo to an application that is still being prepared. */
export const uploadAttachment = defineMutation({
  name: "application.uploadAttachment",
  roles: ["village_cadre", "township_officer", "county_officer"],
  input,
  async run({ actor, input: { applicationId, kind, fileName, data }, tx, audit }) {
    const app = await loadApplicationInScope(tx, actor, applicationId);
    if (!["draft", "returned", "submitted", "townshipReviewed", "publicityPassed"].includes(app.status)) {
      throw new AppError("CONFLICT", "该申请已进入后续环节，不能再补充材料。");
    }
    if (data.byteLength === 0) throw AppError.field("file", "文件是空的，请重新选择");
    if (data.byteLength > MAX_ATTACHMENT_BYTES) throw AppError.field("file", "文件不能超过 10 MB，请压缩后再上传");
    const mimeType = sniffMimeType(data);
    if (!mimeType) throw AppError.field("file", "只能上传图片（JPG、PNG、WEBP）或 PDF 文件");
    const row = await tx.attachment.create({
      data: { applicationId, kind, fileName, mimeType, size: data.byteLength, data: Buffer.from(data), uploadedById: actor.userId },
      select: { id: true, kind: true, fileName: true, mimeType: true, size: true },
    });
    await audit({ action: "application.uploadAttachment", entity: "Attachment", entityId: row.id, countyId: app.countyId, after: { applicationId, ...row } });
    return row;
  },
});
