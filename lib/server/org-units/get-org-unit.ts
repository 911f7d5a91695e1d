import "server-only";
import { defineQuery } from "../use-case";
import { findUnitInCounty, orgUnitIdInput } from "./org-unit-records";

/** One township or village of the admin's county, with its parent, name history and references. */
export const getOrgUnit = defineQuery({
  name: "orgUnit.get",
  roles: ["admin"],
  input: orgUnitIdInput,
  async run({ actor, input: { id }, tx }) {
    const unit = await findUnitInCounty(tx, actor, id);
    const [parent, history, households, users, villages] = await Promise.all([
      unit.parentId ? tx.orgUnit.findUnique({ where: { id: unit.parentId }, select: { id: true, name: true, code: true, level: true } }) : null,
      tx.orgUnitNameHistory.findMany({ where: { orgUnitId: id }, orderBy: { changedAt: "desc" } }),
      tx.household.count({ where: unit.level === "village" ? { villageId: id } : { townshipId: id } }),
      tx.user.count({ where: { orgUnitId: id, active: true } }),
      unit.level === "township" ? tx.orgUnit.count({ where: { parentId: id, active: true } }) : 0,
    ]);
    const changers = await tx.user.findMany({
      where: { id: { in: history.map((h) => h.changedById).filter((v): v is string => !!v) } },
      select: { id: true, displayName: true },
    });
    const changer = new Map(changers.map((c) => [c.id, c.displayName]));
    return {
      id: unit.id,
      code: unit.code,
      name: unit.name,
      level: unit.level as "township" | "village",
      active: unit.active,
      parent,
      households,
      activeUsers: users,
      activeVillages: villages,
      history: history.map((h) => ({ id: h.id, oldName: h.oldName, newName: h.newName, changedAt: h.changedAt, changedBy: h.changedById ? changer.get(h.changedById) ?? "" : "" })),
    };
  },
});
