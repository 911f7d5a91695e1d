import "server-only";
import { z } from "zod";
import { orgCodeProblem, parentOrgCode } from "@/lib/domain/org-code";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { countyUnit, orgUnitName } from "./org-unit-records";

const input = z.object({
  level: z.enum(["township", "village"], { error: "请选择层级" }),
  code: z.string({ error: "请填写代码" }).trim().min(1, "请填写代码"),
  name: orgUnitName,
});

export function onCodeTaken(fields: string[]) {
  return fields.includes("code") ? AppError.field("code", "该代码已存在") : undefined;
}

/** Adds a township or village to the admin's county; the parent follows from the 12-digit code. */
export const createOrgUnit = defineMutation({
  name: "orgUnit.create",
  roles: ["admin"],
  input,
  onUniqueViolation: onCodeTaken,
  async run({ actor, input, tx, audit }) {
    const county = await countyUnit(tx, actor);
    const problem = orgCodeProblem(input.code, input.level, county.code);
    if (problem) throw AppError.field("code", problem);
    if (await tx.orgUnit.findUnique({ where: { code: input.code }, select: { id: true } })) {
      throw AppError.field("code", "该代码已存在");
    }
    let parentId = county.id;
    if (input.level === "village") {
      const township = await tx.orgUnit.findFirst({ where: { code: parentOrgCode(input.code)!, countyId: county.id, level: "township" } });
      if (!township) throw AppError.field("code", `所属乡镇 ${parentOrgCode(input.code)} 不存在，请先添加该乡镇`);
      if (!township.active) throw AppError.field("code", `所属乡镇“${township.name}”已停用`);
      parentId = township.id;
    }
    const unit = await tx.orgUnit.create({
      data: { code: input.code, name: input.name, level: input.level, parentId, countyId: county.id },
    });
    await audit({ action: "orgUnit.create", entity: "OrgUnit", entityId: unit.id, countyId: county.id, after: unit });
    return { id: unit.id };
  },
});
