import { DemoBanner } from "@/components/fleet/demo-banner";
import { FleetEmptyState } from "@/components/fleet/fleet-empty-state";
import { ImportNotice } from "@/components/fleet/import-notice";
import { getFleetStatusForRequest, getImportHealthForRequest, HAS_DEMO_ROUTES } from "./fleet-data";

/** The demo banner, when demo accounts exist. */
export async function DemoNotice() {
  const status = await getFleetStatusForRequest();
  if (!status.hasDemoData) return null;
  return <DemoBanner demoAccountCount={status.demoAccountCount} canRemove={HAS_DEMO_ROUTES} />;
}

/**
 * Says when the figures below are incomplete (an import failed, was interrupted or left pieces
 * out) or may change (one is running), and since when the data was complete.
 */
export async function ImportHealthNotice() {
  const [scopes, status] = await Promise.all([getImportHealthForRequest(), getFleetStatusForRequest()]);
  // An empty fleet shows the empty state, which has its own "Load demo data" button.
  return <ImportNotice scopes={scopes} canLoadDemo={HAS_DEMO_ROUTES && !status.isEmpty} />;
}

export function EmptyFleetNotice() {
  return <FleetEmptyState canLoadDemo={HAS_DEMO_ROUTES} />;
}
