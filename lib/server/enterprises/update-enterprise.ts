import "server-only";
import { z } from "zod";
import { compareDates } from "@/lib/domain/calendar";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { IN_FLIGHT_STATUSES } from "../applications/household-facts";
import { enterpriseFields } from "./enterprise-input";
import { day, duplicateCreditCode, iso, loadEnterpriseInScope, onEnterpriseUnique, townshipFor } from "./enterprise-records";

const input = enterpriseFields.extend({
  id: z.string().uuid("记录编号无效"),
  /** The record's updatedAt as the form read it: a concurrent edit is a conflict, not a silent overwrite. */
  updatedAt: z.string().refine((v) => !Number.isNaN(Date.parse(v)), "记录版本无效，请刷新页面"),
});

/**
 * Edits an enterprise in scope. While one of its applications is under way, what its eligibility
 * was checked on (type, credit code, operating since) stays fixed.
 */
export const updateEnterprise = defineMutation({
  name: "enterprise.update",
  roles: ["township_officer", "county_officer"],
  input,
  onUniqueViolation: onEnterpriseUnique,
  async run({ actor, input: { id, updatedAt, townshipId, operatingSince, ...fields }, tx, audit, now }) {
    const before = await loadEnterpriseInScope(tx, actor, id);
    if (compareDates(operatingSince, shanghaiToday(now)) > 0) throw AppError.field("operatingSince", "开始经营日期不能晚于今天");
    const township = actor.role === "township_officer" ? await townshipFor(tx, actor, null) : await townshipFor(tx, actor, townshipId ?? before.townshipId);
    const inFlight = await tx.application.count({ where: { enterpriseId: id, status: { in: [...IN_FLIGHT_STATUSES] } } });
    if (inFlight > 0) {
      const locked = "该主体有办理中的贷款申请，此项不能修改";
      const errors: Record<string, string[]> = {};
      if (fields.kind !== before.kind) errors.kind = [locked];
      if (fields.creditCode !== before.creditCode) errors.creditCode = [locked];
      if (operatingSince !== iso(before.operatingSince)) errors.operatingSince = [locked];
      if (township.id !== before.townshipId) errors.townshipId = [locked];
      if (Object.keys(errors).length > 0) throw new AppError("CONFLICT", "该主体有办理中的贷款申请，主体类型、信用代码、经营起始日期和所在乡镇不能修改。", errors);
    }
    if (fields.creditCode !== before.creditCode) {
      const duplicate = await tx.enterprise.findUnique({ where: { countyId_creditCode: { countyId: before.countyId, creditCode: fields.creditCode } }, select: { id: true } });
      if (duplicate) throw duplicateCreditCode();
    }
    const updated = await tx.enterprise.updateMany({
      where: { id, updatedAt: new Date(updatedAt) },
      data: { ...fields, operatingSince: day(operatingSince), townshipId: township.id },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", "该主体信息已被他人修改，请刷新页面后再编辑。");
    const after = await tx.enterprise.findUniqueOrThrow({ where: { id } });
    await audit({ action: "enterprise.update", entity: "Enterprise", entityId: id, countyId: after.countyId, before, after });
    return { id };
  },
});
