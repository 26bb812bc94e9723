import { DemoBanner } from "@/components/fleet/demo-banner";
import { FleetEmptyState } from "@/components/fleet/fleet-empty-state";
import { getFleetStatusForRequest, HAS_DEMO_ROUTES } from "./fleet-data";

/** The demo banner, when demo accounts exist. */
export async function DemoNotice() {
  const status = await getFleetStatusForRequest();
  if (!status.hasDemoData) return null;
  return <DemoBanner demoAccountCount={status.demoAccountCount} canRemove={HAS_DEMO_ROUTES} />;
}

export function EmptyFleetNotice() {
  return <FleetEmptyState canLoadDemo={HAS_DEMO_ROUTES} />;
}
