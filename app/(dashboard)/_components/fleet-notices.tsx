import { DemoBanner } from "@/components/fleet/demo-banner";
import { FleetEmptyState } from "@/components/fleet/fleet-empty-state";
import { ImportNotice } from "@/components/fleet/import-notice";
import { getRequestRole } from "@/lib/auth/guard";
import { canRequest } from "@/lib/auth/policy";
import type { Role } from "@/lib/auth/settings";
import { getFleetStatusForRequest, getImportHealthForRequest, HAS_DEMO_ROUTES } from "./fleet-data";
import { API_PATHS } from "@/lib/api-paths";

/**
 * Whether the role may load ("Load demo data", POST) or remove ("Remove demo data", DELETE) the
 * demo, by the proxy's own rule (lib/auth/policy.ts): a viewer is not shown a button that would
 * answer 403. The role is read once per request (local mode: admin, without reading a session).
 */
function canChangeDemo(role: Role | null, method: "POST" | "DELETE"): boolean {
  return HAS_DEMO_ROUTES && canRequest(role, method, API_PATHS.demoFleet);
}

/** The demo banner, when demo accounts exist. */
export async function DemoNotice() {
  const status = await getFleetStatusForRequest();
  if (!status.hasDemoData) return null;
  const role = await getRequestRole();
  return <DemoBanner demoAccountCount={status.demoAccountCount} canRemove={canChangeDemo(role, "DELETE")} />;
}

/**
 * Says when the figures below are incomplete (an import failed, was interrupted or left pieces
 * out) or may change (one is running), and since when the data was complete.
 */
export async function ImportHealthNotice() {
  const [scopes, status, role] = await Promise.all([
    getImportHealthForRequest(),
    getFleetStatusForRequest(),
    getRequestRole(),
  ]);
  const canSyncAccounts = scopes.every(
    (scope) => scope.accountId === null || canRequest(role, "POST", API_PATHS.accountSync(scope.accountId)),
  );
  // An empty fleet shows the empty state, which has its own "Load demo data" button.
  return (
    <ImportNotice
      scopes={scopes}
      canLoadDemo={canChangeDemo(role, "POST") && !status.isEmpty}
      canSyncAccounts={canSyncAccounts}
    />
  );
}

export async function EmptyFleetNotice() {
  const role = await getRequestRole();
  return (
    <FleetEmptyState
      canLoadDemo={canChangeDemo(role, "POST")}
      canAddAccount={canRequest(role, "POST", API_PATHS.accounts)}
    />
  );
}
