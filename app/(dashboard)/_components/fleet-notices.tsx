import { DemoBanner } from "@/components/fleet/demo-banner";
import { FleetEmptyState } from "@/components/fleet/fleet-empty-state";
import { ImportNotice } from "@/components/fleet/import-notice";
import { getRequestRole } from "@/lib/auth/guard";
import { canRequest } from "@/lib/auth/policy";
import { getFleetStatusForRequest, getImportHealthForRequest, HAS_DEMO_ROUTES } from "./fleet-data";

/** The route behind "Load demo data" (POST) and "Remove demo data" (DELETE). */
const DEMO_PATH = "/api/fleet/demo";

const accountSyncPath = (accountId: string) => `/api/accounts/${encodeURIComponent(accountId)}/sync`;

/**
 * Which of the notices' controls this request's role may use, by the proxy's own rule
 * (lib/auth/policy.ts): a viewer is not shown a button that would answer 403. The role is read once
 * per request (local mode: admin, without reading a session).
 */
async function getDemoControls(): Promise<{ canLoadDemo: boolean; canRemoveDemo: boolean }> {
  const role = await getRequestRole();
  return {
    canLoadDemo: HAS_DEMO_ROUTES && canRequest(role, "POST", DEMO_PATH),
    canRemoveDemo: HAS_DEMO_ROUTES && canRequest(role, "DELETE", DEMO_PATH),
  };
}

/** The demo banner, when demo accounts exist. */
export async function DemoNotice() {
  const status = await getFleetStatusForRequest();
  if (!status.hasDemoData) return null;
  const { canRemoveDemo } = await getDemoControls();
  return <DemoBanner demoAccountCount={status.demoAccountCount} canRemove={canRemoveDemo} />;
}

/**
 * Says when the figures below are incomplete (an import failed, was interrupted or left pieces
 * out) or may change (one is running), and since when the data was complete.
 */
export async function ImportHealthNotice() {
  const [scopes, status, { canLoadDemo }, role] = await Promise.all([
    getImportHealthForRequest(),
    getFleetStatusForRequest(),
    getDemoControls(),
    getRequestRole(),
  ]);
  const canSyncAccounts = scopes.every(
    (scope) => scope.accountId === null || canRequest(role, "POST", accountSyncPath(scope.accountId)),
  );
  // An empty fleet shows the empty state, which has its own "Load demo data" button.
  return (
    <ImportNotice
      scopes={scopes}
      canLoadDemo={canLoadDemo && !status.isEmpty}
      canSyncAccounts={canSyncAccounts}
    />
  );
}

export async function EmptyFleetNotice() {
  const [{ canLoadDemo }, role] = await Promise.all([getDemoControls(), getRequestRole()]);
  return (
    <FleetEmptyState canLoadDemo={canLoadDemo} canAddAccount={canRequest(role, "POST", "/api/accounts")} />
  );
}
