import "server-only";
import { cache } from "react";
import { toRangeWindow, type RangeKey } from "@/lib/range";
import { getDb } from "@/lib/db/client";
import { memoizeByDataVersion } from "@/lib/db/data-version";
import { getFleetStatus } from "@/lib/db/queries/fleet-status";
import { getResourceDailyCost, getResourceMetrics } from "@/lib/db/queries/resource-reads";
import { listFunctions } from "@/lib/db/queries/functions";
import { getImportHealthByDataVersion } from "@/lib/db/queries/import-health";
import { getColdStartInitShare, getSpendOverview } from "@/lib/db/queries/overview";
import { listServices } from "@/lib/db/queries/services";

/**
 * Per-request memoised reads shared by several widgets of one page (React cache: one query per
 * request however many Suspense boundaries ask).
 */
export const getRequestNow = cache(() => new Date());

/**
 * Reads that only change when data is imported (or an account is added, renamed or removed) are
 * shared between requests per data version (lib/db/data-version.ts): concurrent visitors of the
 * lists pay for one query, not one each. The values are shared: render them, never mutate them.
 */
export const getFleetStatusForRequest = cache(() => {
  const db = getDb();
  return memoizeByDataVersion(db, "fleet-status", null, () => getFleetStatus(db));
});

/** One page of the functions list (filters, sort, page), shared per data version. */
export function listFunctionsByDataVersion(query: Parameters<typeof listFunctions>[0]) {
  const db = getDb();
  return memoizeByDataVersion(db, "functions-list", query, () => listFunctions(query, db));
}

/** One page of the services list, shared per data version. */
export function listServicesByDataVersion(query: Parameters<typeof listServices>[0]) {
  const db = getDb();
  return memoizeByDataVersion(db, "services-list", query, () => listServices(query, db));
}

/**
 * Per import scope, whether the stored data is complete (the import notice of the fleet pages),
 * shared per data version while no import runs.
 */
export const getImportHealthForRequest = cache(() =>
  getImportHealthByDataVersion(getDb(), { now: getRequestNow() }),
);

export const getSpendOverviewForRequest = cache(() => getSpendOverview({ now: getRequestNow() }));

export const getColdStartInitShareForRequest = cache(() => getColdStartInitShare({ now: getRequestNow() }));

/** The range window of a resource page, fixed once per request so every widget agrees. */
export const getRangeWindowForRequest = cache((range: RangeKey) => toRangeWindow(range, getRequestNow()));

/** A resource's metric points for the range (one query shared by all its charts). */
export const getResourceMetricsForRequest = cache((arn: string, range: RangeKey) =>
  getResourceMetrics(arn, getRangeWindowForRequest(range)),
);

export const getResourceCostForRequest = cache((arn: string, range: RangeKey) =>
  getResourceDailyCost(arn, getRangeWindowForRequest(range)),
);

/**
 * Whether this build can load and remove the demo fleet from the UI (the route handler at
 * app/api/fleet/demo calls lib/demo).
 */
export const HAS_DEMO_ROUTES = true;
