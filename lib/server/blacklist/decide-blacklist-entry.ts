import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { optionalText } from "../validation";
import { assertChecker, loadEntryInCounty, moveEntry } from "./blacklist-records";

/**
 * The checker step of the blacklist (another county officer than the maker): approve or reject a
 * proposed entry, or approve or reject a proposed removal. Approving an entry makes it active
 * (new loans and subsidies refused); approving a removal ends it.
 */
export const decideBlacklistEntry = defineMutation({
  name: "blacklist.decide",
  roles: ["county_officer"],
  input: z.object({
    id: z.string(),
    decision: z.enum(["approve", "reject"], { error: "请选择复核结果" }),
    reason: optionalText(500, "复核意见"),
  }),
  async run({ actor, input, tx, audit }) {
    const entry = await loadEntryInCounty(tx, actor, input.id);
    if (entry.status === "pending") {
      assertChecker(actor, entry.addedById);
      if (input.decision === "approve") {
        await moveEntry({ tx, audit, entry, from: "pending", to: "active", action: "blacklist.approve", data: { approvedById: actor.userId }, comment: input.reason });
      } else {
        if (!input.reason) throw AppError.field("reason", "不予列入须填写理由");
        await moveEntry({ tx, audit, entry, from: "pending", to: "rejected", action: "blacklist.reject", data: { approvedById: actor.userId }, comment: input.reason });
      }
    } else if (entry.status === "removalPending") {
      assertChecker(actor, entry.removalRequestedById);
      if (input.decision === "approve") {
        await moveEntry({ tx, audit, entry, from: "removalPending", to: "removed", action: "blacklist.remove", data: { removedById: actor.userId }, comment: input.reason });
      } else {
        if (!input.reason) throw AppError.field("reason", "不予移出须填写理由");
        await moveEntry({ tx, audit, entry, from: "removalPending", to: "active", action: "blacklist.keep", comment: input.reason });
      }
    } else {
      throw new AppError("CONFLICT", "该记录没有待复核的事项（可能刚被他人处理，请刷新页面）。");
    }
    return { id: entry.id };
  },
});
