import "server-only";
import { z } from "zod";
import { defineMutation } from "../use-case";
import { requiredText } from "../validation";
import { loadEntryInCounty, moveEntry } from "./blacklist-records";

/** A county officer proposes removing an active entry with a reason; it stays in force until another officer approves. */
export const requestBlacklistRemoval = defineMutation({
  name: "blacklist.requestRemoval",
  roles: ["county_officer"],
  input: z.object({ id: z.string(), reason: requiredText(500, "移出理由") }),
  async run({ actor, input, tx, audit }) {
    const entry = await loadEntryInCounty(tx, actor, input.id);
    await moveEntry({ tx, audit, entry, from: "active", to: "removalPending", action: "blacklist.requestRemoval",
      data: { removalReason: input.reason, removalRequestedById: actor.userId }, comment: input.reason });
    return { id: entry.id };
  },
});
