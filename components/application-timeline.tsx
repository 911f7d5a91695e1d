export type TimelineEntry = { id: string; at: string; actorName: string | null; eventLabel: string; statusLabel: string; comment: string | null };

const time = (iso: string) =>
  new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });

/** Every step of an application: what, who, when, and the comment given. */
export function ApplicationTimeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <ol className="space-y-3 border-l-2 border-blue-200 pl-4" data-testid="timeline">
      {entries.map((e) => (
        <li key={e.id} className="text-sm">
          <p className="font-medium">{e.eventLabel} <span className="font-normal text-slate-500">→ {e.statusLabel}</span></p>
          <p className="text-slate-500">{time(e.at)} · {e.actorName ?? "系统"}</p>
          {e.comment ? <p className="mt-1 text-slate-700">{e.comment}</p> : null}
        </li>
      ))}
    </ol>
  );
}
