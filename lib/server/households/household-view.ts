import { maskIdCard } from "@/lib/domain/identity";
import { SEES_FULL_ID_NUMBER, type Actor } from "../actor";

/** ID numbers leave the server masked unless the actor's role needs them in full. */
export function idNumberFor(actor: Actor, idNumber: string): string {
  return SEES_FULL_ID_NUMBER[actor.role] ? idNumber : maskIdCard(idNumber);
}
