import { PROFILE_STATE_LABELS } from "@/lib/server/policy-profiles/profile-records";

export { PROFILE_STATE_LABELS };

export const PROFILE_STATE_TONE: Record<string, string> = {
  draft: "bg-slate-100 text-slate-700",
  inForce: "bg-green-100 text-green-800",
  scheduled: "bg-blue-100 text-blue-800",
  superseded: "bg-slate-200 text-slate-500",
};
