import "server-only";
import { addWorkingDays, type Calendar } from "@/lib/domain/calendar";
import { bufferEndsAfterMonths, defaultTimeline } from "@/lib/domain/default-timeline";
import type { ActiveProfile } from "../policy/active-profile";

/**
 * The buffer's last day and the split deadline for an instalment that fell due on `dueDate`
 * (POLICY §8, §15.5): Henan counts bufferDays calendar days, Guizhou the usual number of months;
 * the loss is split within splitWorkingDays working days after the buffer ends, by the county's
 * holiday calendar. Null when the profile leaves the buffer unset.
 */
export function defaultDates(profile: ActiveProfile, dueDate: string, calendar: Calendar): { bufferEnds: string; splitDeadline: string } | null {
  const h = profile.settings.defaultHandling;
  const splitWorkingDays = h.splitWorkingDays ?? 10;
  if (h.bufferUnit === "days") {
    if (h.bufferDays === null) return null;
    return defaultTimeline({ dueDate, bufferDays: h.bufferDays, splitWorkingDays, calendar });
  }
  const months = h.bufferUsualMaxMonths ?? h.bufferHardMaxMonths;
  if (months === null) return null;
  const bufferEnds = bufferEndsAfterMonths(dueDate, months);
  return { bufferEnds, splitDeadline: addWorkingDays(bufferEnds, splitWorkingDays, calendar) };
}
