import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { findUnitInCounty, orgUnitName } from "./org-unit-records";

const input = z.object({
  id: z.string({ error: "记录编号无效" }),
  name: orgUnitName,
  /** The name the admin saw: a rename in between is a conflict, not overwritten. */
  expectedName: z.string({ error: "请刷新页面后重试" }),
});

/** Renames a township or village; the old name is kept in OrgUnitNameHistory. */
export const renameOrgUnit = defineMutation({
  name: "orgUnit.rename",
  roles: ["admin"],
  input,
  async run({ actor, input: { id, name, expectedName }, tx, now, audit }) {
    const before = await findUnitInCounty(tx, actor, id);
    if (name === before.name) throw AppError.field("name", "新名称与现名称相同");
    const changed = await tx.orgUnit.updateMany({ where: { id, name: expectedName }, data: { name } });
    if (changed.count !== 1) throw new AppError("CONFLICT", "该机构名称已被他人修改，请刷新页面后再改。");
    await tx.orgUnitNameHistory.create({
      data: { orgUnitId: id, oldName: before.name, newName: name, changedById: actor.userId, changedAt: now },
    });
    await audit({ action: "orgUnit.rename", entity: "OrgUnit", entityId: id, countyId: before.countyId, before: { name: before.name }, after: { name } });
    return { id };
  },
});
