import { z } from "zod";
import { idNumberField, intField, mobileField, optionalText, requiredText } from "../validation";

export const HOUSEHOLD_STATUSES = ["registeredPoor", "exitedPoverty", "monitored", "marginal", "misregistered", "none"] as const;
export const LABOUR_CAPACITIES = ["full", "partial", "none"] as const;

export const householdFields = z.object({
  headName: requiredText(30, "户主姓名"),
  idNumber: idNumberField,
  phone: mobileField,
  address: optionalText(100, "住址"),
  status: z.enum(HOUSEHOLD_STATUSES, { error: "请选择户类型" }),
  membersCount: intField("家庭人口", 1, 30),
  labourCapacity: z.enum(LABOUR_CAPACITIES, { error: "请选择劳动能力" }),
  notes: optionalText(500, "备注"),
});

export type HouseholdFields = z.infer<typeof householdFields>;
