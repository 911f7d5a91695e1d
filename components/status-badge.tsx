const TONE: Record<string, string> = {
  draft: "bg-slate-100 text-slate-700",
  returned: "bg-amber-100 text-amber-800",
  objection: "bg-amber-100 text-amber-800",
  countyRejected: "bg-red-100 text-red-800",
  bankRejected: "bg-red-100 text-red-800",
  objectionUpheld: "bg-red-100 text-red-800",
  withdrawn: "bg-slate-100 text-slate-500",
  disbursed: "bg-green-100 text-green-800",
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs ${TONE[status] ?? "bg-blue-100 text-blue-800"}`}>{label}</span>;
}
