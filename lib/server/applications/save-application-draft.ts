import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { householdApplicationFields } from "./application-input";
import { versionField } from "../validation";

const input = householdApplicationFields.extend({
  id: z.string().uuid().optional(),
  version: versionField.optional(),
});

/**
 * A village cadre saves a household application as a draft (new, or a draft/returned one of
 * the cadre's village). Eligibility is not enforced here: it is on submission.
 */
export const saveApplicationDraft = defineMutation({
  name: "application.saveDraft",
  roles: ["village_cadre"],
  input,
  async run({ actor, input: { id, version, ...fields }, tx, audit }) {
    const household = await tx.household.findFirst({ where: { id: fields.householdId, villageId: actor.villageId ?? "" } });
    if (!household) throw AppError.field("householdId", "请选择本村的农户");
    const data = { ...fields, amount: fields.amount, kind: "household" as const };

    if (!id) {
      const created = await tx.application.create({
        data: {
          ...data,
          status: "draft",
          countyId: household.countyId,
          townshipId: household.townshipId,
          villageId: household.villageId,
          createdById: actor.userId,
        },
      });
      await tx.applicationEvent.create({
        data: { applicationId: created.id, actorId: actor.userId, actorName: actor.displayName, actorRole: actor.role, event: "saveDraft", toStatus: "draft" },
      });
      await audit({ action: "application.saveDraft", entity: "Application", entityId: created.id, countyId: created.countyId, after: created });
      return { id: created.id };
    }

    const before = await tx.application.findFirst({ where: { id, villageId: actor.villageId ?? "", kind: "household" } });
    if (!before) throw AppError.notFound("申请");
    if (before.status !== "draft" && before.status !== "returned") {
      throw new AppError("CONFLICT", "该申请已提交，不能再修改。");
    }
    const updated = await tx.application.updateMany({
      where: { id, version: version ?? before.version, status: before.status },
      data: { ...data, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", "该申请已被他人修改，请刷新后再编辑。");
    const after = await tx.application.findUniqueOrThrow({ where: { id } });
    await audit({ action: "application.saveDraft", entity: "Application", entityId: id, countyId: after.countyId, before, after });
    return { id };
  },
});
