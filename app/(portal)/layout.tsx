import { AppShell } from "@/components/app-shell";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { navFor } from "@/lib/navigation";
import { todoCounts } from "@/lib/server/applications/todo-counts";
import { requireActor } from "@/lib/server/auth/current-actor";
import { signOutToken } from "@/lib/server/auth/sign-out-token";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const todos = await todoCounts(actor, {});
  const badges: Record<string, number> = {};
  for (const t of todos) {
    const path = t.href.split("?")[0];
    badges[path] = (badges[path] ?? 0) + t.count;
  }
  return (
    <AppShell
      user={{ displayName: actor.displayName, roleLabel: ROLE_LABELS[actor.role], unitName: actor.orgUnitName ?? "全系统" }}
      nav={navFor(actor.role).map((item) => ({ href: item.href, label: item.label, badge: badges[item.href] ?? 0 }))}
      signOutToken={await signOutToken()}
    >
      {children}
    </AppShell>
  );
}
