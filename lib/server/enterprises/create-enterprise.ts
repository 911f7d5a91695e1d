import "server-only";
import { compareDates } from "@/lib/domain/calendar";
import { shanghaiToday } from "../clock";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { enterpriseFields } from "./enterprise-input";
import { day, duplicateCreditCode, onEnterpriseUnique, townshipFor } from "./enterprise-records";

/**
 * Registers a poverty-leading enterprise or cooperative (带贫主体): a township officer for its
 * township, county staff for any township of the county. The credit code is unique in the county.
 */
export const createEnterprise = defineMutation({
  name: "enterprise.create",
  roles: ["township_officer", "county_officer"],
  input: enterpriseFields,
  onUniqueViolation: onEnterpriseUnique,
  async run({ actor, input: { townshipId, operatingSince, ...fields }, tx, audit, now }) {
    if (compareDates(operatingSince, shanghaiToday(now)) > 0) throw AppError.field("operatingSince", "开始经营日期不能晚于今天");
    const township = await townshipFor(tx, actor, townshipId);
    const countyId = township.countyId!;
    const duplicate = await tx.enterprise.findUnique({ where: { countyId_creditCode: { countyId, creditCode: fields.creditCode } }, select: { id: true } });
    if (duplicate) throw duplicateCreditCode();
    const row = await tx.enterprise.create({
      data: { ...fields, operatingSince: day(operatingSince), countyId, townshipId: township.id },
    });
    await audit({ action: "enterprise.create", entity: "Enterprise", entityId: row.id, countyId, after: row });
    return { id: row.id };
  },
});
