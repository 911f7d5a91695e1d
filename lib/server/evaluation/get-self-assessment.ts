import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { defineQuery } from "../use-case";
import { loadEvaluationInScope } from "./load-evaluation";

/** The self-assessment file of an evaluation of the actor's county. */
export const getSelfAssessment = defineQuery({
  name: "evaluation.getSelfAssessment",
  roles: ["county_officer", "auditor", "admin"],
  input: z.object({ id: z.string() }),
  async run({ actor, input: { id }, tx }) {
    const row = await loadEvaluationInScope(tx, actor, id);
    if (!row.selfAssessment || !row.selfAssessmentName) throw AppError.notFound("自评材料");
    return { fileName: row.selfAssessmentName, mimeType: row.selfAssessmentType ?? "application/octet-stream", data: row.selfAssessment };
  },
});
