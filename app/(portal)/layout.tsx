import { AppShell } from "@/components/app-shell";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { navFor } from "@/lib/navigation";
import { requireActor } from "@/lib/server/auth/current-actor";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <AppShell
      user={{ displayName: actor.displayName, roleLabel: ROLE_LABELS[actor.role], unitName: actor.orgUnitName ?? "全系统" }}
      nav={navFor(actor.role)}
    >
      {children}
    </AppShell>
  );
}
