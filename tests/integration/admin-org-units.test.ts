import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { createHousehold } from "@/lib/server/households/create-household";
import { createOrgUnit } from "@/lib/server/org-units/create-org-unit";
import { deactivateOrgUnit } from "@/lib/server/org-units/deactivate-org-unit";
import { getOrgUnit } from "@/lib/server/org-units/get-org-unit";
import { importOrgUnits } from "@/lib/server/org-units/import-org-units";
import { listOrgUnits } from "@/lib/server/org-units/list-org-units";
import { orgImportTemplate } from "@/lib/server/org-units/org-import-template";
import { reactivateOrgUnit } from "@/lib/server/org-units/reactivate-org-unit";
import { renameOrgUnit } from "@/lib/server/org-units/rename-org-unit";
import { auditActions, rejection, workbook } from "./admin-helpers";
import { householdInput, makeActor, makeCounty, prisma, resetDb, type TestCounty } from "./fixtures";

const HEADERS = ["代码", "名称", "上级代码"];

describe("admin: organisation tree (real PostgreSQL)", () => {
  let a: TestCounty;
  let admin: Actor;

  beforeEach(async () => {
    await resetDb();
    a = await makeCounty("410101");
    admin = await makeActor("admin", a.county.id);
  });

  it("lists the county's townships with their villages and household counts", async () => {
    const cadre = await makeActor("village_cadre", a.townships[0].villages[0].id);
    await createHousehold(cadre, householdInput());
    const tree = await listOrgUnits(admin, {});
    expect(tree.county.code).toBe("410101000000");
    expect(tree.townships.map((t) => t.code)).toEqual(["410101001000", "410101002000"]);
    expect(tree.townships[0].households).toBe(1);
    expect(tree.townships[0].villages.map((v) => [v.code, v.households])).toEqual([["410101001001", 1], ["410101001002", 0]]);
  });

  it("adds a township and a village whose code must start with the township's first 9 digits", async () => {
    const { id: t } = await createOrgUnit(admin, { level: "township", code: "410101003000", name: "新镇" });
    const { id: v } = await createOrgUnit(admin, { level: "village", code: "410101003001", name: "新村" });
    expect((await prisma.orgUnit.findUniqueOrThrow({ where: { id: v } })).parentId).toBe(t);
    const noTownship = await rejection(createOrgUnit(admin, { level: "village", code: "410101009001", name: "孤村" }));
    expect(noTownship.fieldErrors?.code?.[0]).toContain("410101009000 不存在");
    const notEnding = await rejection(createOrgUnit(admin, { level: "township", code: "410101004001", name: "错镇" }));
    expect(notEnding.fieldErrors?.code?.[0]).toContain("以 000 结尾");
    const otherCounty = await rejection(createOrgUnit(admin, { level: "township", code: "420202004000", name: "外县镇" }));
    expect(otherCounty.fieldErrors?.code?.[0]).toContain("410101");
    const duplicate = await rejection(createOrgUnit(admin, { level: "township", code: "410101003000", name: "重复" }));
    expect(duplicate.fieldErrors?.code).toEqual(["该代码已存在"]);
    expect(await auditActions()).toEqual(["orgUnit.create", "orgUnit.create"]);
  });

  it("renames with history; a stale expected name is a conflict", async () => {
    const village = a.townships[0].villages[0];
    await renameOrgUnit(admin, { id: village.id, name: "幸福村", expectedName: village.name });
    const unit = await getOrgUnit(admin, { id: village.id });
    expect(unit.name).toBe("幸福村");
    expect(unit.history).toMatchObject([{ oldName: village.name, newName: "幸福村" }]);
    const stale = await rejection(renameOrgUnit(admin, { id: village.id, name: "和谐村", expectedName: village.name }));
    expect(stale.code).toBe("CONFLICT");
    expect(await prisma.orgUnitNameHistory.count()).toBe(1);
    expect(await auditActions(village.id)).toEqual(["orgUnit.rename"]);
  });

  it("refuses to deactivate a unit with households; an empty village can be deactivated and reactivated", async () => {
    const cadre = await makeActor("village_cadre", a.townships[0].villages[0].id);
    await createHousehold(cadre, householdInput());
    await prisma.user.update({ where: { id: cadre.userId }, data: { active: false } });
    const busy = await rejection(deactivateOrgUnit(admin, { id: a.townships[0].villages[0].id }));
    expect(busy.code).toBe("RULE_VIOLATION");
    expect(busy.message).toContain("1 户农户");
    const township = await rejection(deactivateOrgUnit(admin, { id: a.townships[1].id }));
    expect(township.message).toContain("下辖 2 个在用的村");

    const empty = a.townships[1].villages[0];
    await deactivateOrgUnit(admin, { id: empty.id });
    expect((await prisma.orgUnit.findUniqueOrThrow({ where: { id: empty.id } })).active).toBe(false);
    await reactivateOrgUnit(admin, { id: empty.id });
    expect((await prisma.orgUnit.findUniqueOrThrow({ where: { id: empty.id } })).active).toBe(true);
    expect(await auditActions(empty.id)).toEqual(["orgUnit.deactivate", "orgUnit.reactivate"]);
  });

  it("imports a workbook: townships and villages created, existing rows skipped, audited", async () => {
    const file = await workbook(HEADERS, [
      ["410101001000", a.townships[0].name, "410101000000"],
      ["410101003001", "新一村", "410101003000"],
      [410101003000, "新镇", 410101000000],
      ["410101001003", "新三村", "410101001000"],
    ]);
    const result = await importOrgUnits(admin, { file });
    expect(result).toEqual({ created: 3, unchanged: 1 });
    const created = await prisma.orgUnit.findMany({ where: { code: { in: ["410101003000", "410101003001", "410101001003"] } }, orderBy: { code: "asc" } });
    expect(created.map((u) => [u.code, u.level])).toEqual([["410101001003", "village"], ["410101003000", "township"], ["410101003001", "village"]]);
    expect(created[2].parentId).toBe(created[1].id);
    expect(await auditActions()).toEqual(["orgUnit.import"]);
  });

  it("an import with one bad row writes nothing and reports that row and column", async () => {
    const before = await prisma.orgUnit.count();
    const file = await workbook(HEADERS, [
      ["410101003000", "新镇", "410101000000"],
      ["410101003001", "新一村", "410101003000"],
      ["410101004002", "错村", "410101003000"],
      ["410101003002", "", "410101003000"],
    ]);
    const error = await rejection(importOrgUnits(admin, { file }));
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toContain("2 行有误，未写入任何数据");
    expect(error.fieldErrors).toEqual({
      "rows.4.上级代码": ["村的上级代码须为其所属乡镇代码 410101004000（与村代码前 9 位一致）"],
      "rows.5.名称": ["请填写名称"],
    });
    expect(await prisma.orgUnit.count()).toBe(before);
    expect(await prisma.auditEvent.count()).toBe(0);
  });

  it("refuses a file that is not a workbook or lacks the columns, at the file field", async () => {
    const text = await rejection(importOrgUnits(admin, { file: Buffer.from("代码,名称\n1,2") }));
    expect(text.fieldErrors?.file?.[0]).toContain(".xlsx");
    const columns = await rejection(importOrgUnits(admin, { file: await workbook(["代码", "名称"], [["410101003000", "新镇"]]) }));
    expect(columns.fieldErrors?.file?.[0]).toContain("上级代码");
  });

  it("the template lists the county's units and can be imported back unchanged", async () => {
    const { bytes } = await orgImportTemplate(admin, {});
    expect(await importOrgUnits(admin, { file: bytes })).toEqual({ created: 0, unchanged: 6 });
  });
});
