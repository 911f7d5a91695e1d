import "server-only";
import { z } from "zod";
import { optionalText } from "../validation";
import { defineMutation } from "../use-case";
import { fireApplicationEvent } from "./fire-event";
import { loadApplicationInScope } from "./load-application";

/** The township station approves a submitted application, or returns it with a reason. */
export const reviewApplication = defineMutation({
  name: "application.review",
  roles: ["township_officer"],
  input: z.object({
    id: z.string(),
    decision: z.enum(["approve", "return"], { error: "请选择审核结果" }),
    reason: optionalText(500, "理由"),
  }),
  async run({ actor, input: { id, decision, reason }, tx, audit, now }) {
    const app = await loadApplicationInScope(tx, actor, id);
    if (decision === "approve") {
      await fireApplicationEvent({
        tx, actor, audit, application: app, event: "townshipApprove", ctx: {}, comment: reason,
        data: { reviewedById: actor.userId, reviewedAt: now },
      });
    } else {
      await fireApplicationEvent({
        tx, actor, audit, application: app, event: "return", ctx: { reason: reason ?? "" }, comment: reason,
        data: { lastReason: reason },
      });
    }
    return { id };
  },
});
