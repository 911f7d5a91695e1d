import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { defineQuery } from "../use-case";
import { loadApplicationInScope } from "./load-application";

/** An attachment's bytes, for whoever may see its application. */
export const getAttachment = defineQuery({
  name: "application.getAttachment",
  roles: ["village_cadre", "township_officer", "county_officer", "bank_officer", "finance_officer", "auditor", "admin"],
  input: z.object({ id: z.string() }),
  async run({ actor, input: { id }, tx }) {
    if (!z.string().uuid().safeParse(id).success) throw AppError.notFound("材料");
    const attachment = await tx.attachment.findUnique({ where: { id } });
    if (!attachment) throw AppError.notFound("材料");
    await loadApplicationInScope(tx, actor, attachment.applicationId).catch(() => {
      throw AppError.notFound("材料");
    });
    return { fileName: attachment.fileName, mimeType: attachment.mimeType, data: attachment.data };
  },
});
