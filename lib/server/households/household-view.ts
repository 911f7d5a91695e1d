import { maskIdCard, maskPhone } from "@/lib/domain/identity";
import { PERSONAL_DATA_ACCESS, type Actor } from "../actor";

/**
 * ID numbers leave the server masked unless the actor's role needs them in full (actor.ts).
 * `where` is "record" on the household's own page, "list" in lists and everything else.
 */
export function idNumberFor(actor: Actor, idNumber: string, where: "list" | "record" = "list"): string {
  const access = PERSONAL_DATA_ACCESS[actor.role].idNumber;
  return access === "everywhere" || (access === "ownRecord" && where === "record") ? idNumber : maskIdCard(idNumber);
}

/** Phone numbers likewise; `where` is "reminders" on the repayment reminders a bank must deliver. */
export function phoneFor(actor: Actor, phone: string | null, where: "list" | "reminders" = "list"): string | null {
  if (phone === null) return null;
  const access = PERSONAL_DATA_ACCESS[actor.role].phone;
  return access === "everywhere" || (access === "reminders" && where === "reminders") ? phone : maskPhone(phone);
}
