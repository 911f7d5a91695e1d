import Link from "next/link";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { navFor, ROLE_DUTIES } from "@/lib/navigation";
import { todoCounts } from "@/lib/server/applications/todo-counts";
import { requireActor } from "@/lib/server/auth/current-actor";

export default async function HomePage() {
  const actor = await requireActor();
  const todos = await todoCounts(actor, {});
  return (
    <div className="space-y-6">
      {todos.length > 0 ? (
        <section className="rounded-lg bg-white p-5 shadow-sm" aria-labelledby="todo-heading">
          <h2 id="todo-heading" className="font-semibold">待办事项</h2>
          <ul className="mt-2 grid gap-2 sm:grid-cols-2" data-testid="todos">
            {todos.map((t) => (
              <li key={t.key}>
                <Link href={t.href} className="flex items-center justify-between rounded border border-slate-200 px-3 py-2 text-sm hover:bg-slate-50">
                  <span>{t.label}</span>
                  <span className={`rounded-full px-2 text-xs ${t.count > 0 ? "bg-red-600 text-white" : "bg-slate-200 text-slate-600"}`}>{t.count}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="rounded-lg bg-white p-5 shadow-sm">
        <h1 className="text-lg font-semibold">您好，{actor.displayName}</h1>
        <dl className="mt-3 grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
          <dt className="text-slate-500">角色</dt>
          <dd data-testid="home-role">{ROLE_LABELS[actor.role]}</dd>
          <dt className="text-slate-500">所属单位</dt>
          <dd data-testid="home-unit">{actor.orgUnitName ?? "全系统"}</dd>
          <dt className="text-slate-500">用户名</dt>
          <dd>{actor.username}</dd>
        </dl>
      </section>
      <section className="rounded-lg bg-white p-5 shadow-sm">
        <h2 className="font-semibold">我的职责</h2>
        <ul className="mt-2 list-disc pl-5 text-sm">
          {ROLE_DUTIES[actor.role].map((duty) => <li key={duty}>{duty}</li>)}
        </ul>
        <h2 className="mt-4 font-semibold">可以使用的功能</h2>
        <div className="mt-2 flex flex-wrap gap-2">
          {navFor(actor.role).filter((i) => i.href !== "/").map((item) => (
            <Link key={item.href} href={item.href} className="rounded border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-800">
              {item.label}
            </Link>
          ))}
        </div>
      </section>
    </div>
  );
}
