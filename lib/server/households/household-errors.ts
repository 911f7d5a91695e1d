import { AppError } from "../errors";

export const DUPLICATE_ID_MESSAGE = "本县已登记该身份证号的农户，不能重复登记。";

export function duplicateIdNumber() {
  return AppError.field("idNumber", DUPLICATE_ID_MESSAGE);
}

export function onHouseholdUnique(fields: string[]) {
  // The unique constraint is on the ID number's keyed hash (the number itself is encrypted).
  return fields.includes("idNumberHash") || fields.includes("idNumber") ? duplicateIdNumber() : undefined;
}
