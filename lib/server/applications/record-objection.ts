import "server-only";
import { z } from "zod";
import { isValidDate } from "@/lib/domain/calendar";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { requiredText } from "../validation";
import { fireApplicationEvent } from "./fire-event";
import { loadApplicationInScope } from "./load-application";

/** Records an objection raised during publicity (who, what, when); the application waits for it. */
export const recordObjection = defineMutation({
  name: "publicity.recordObjection",
  roles: ["village_cadre", "township_officer", "county_officer"],
  input: z.object({
    applicationId: z.string(),
    objector: requiredText(50, "异议人"),
    content: requiredText(1000, "异议内容"),
    receivedOn: z.string().trim().refine(isValidDate, "收到异议的日期无效，应为 YYYY-MM-DD 格式的有效日期").optional().or(z.literal("").transform(() => undefined)),
  }),
  async run({ actor, input, tx, audit, now }) {
    const app = await loadApplicationInScope(tx, actor, input.applicationId);
    const receivedOn = input.receivedOn ?? shanghaiToday(now);
    if (receivedOn > shanghaiToday(now)) throw AppError.field("receivedOn", "收到异议的日期不能晚于今天");
    const objection = await tx.objection.create({
      data: {
        applicationId: app.id,
        publicityRoundId: app.publicityRoundId,
        objector: input.objector,
        content: input.content,
        receivedOn: new Date(`${receivedOn}T00:00:00Z`),
        recordedById: actor.userId,
      },
    });
    await fireApplicationEvent({ tx, actor, audit, application: app, event: "raiseObjection", ctx: {}, comment: `异议人：${input.objector}；${input.content}` });
    return { id: objection.id };
  },
});
