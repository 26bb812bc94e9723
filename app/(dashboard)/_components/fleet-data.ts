import "server-only";
import { cache } from "react";
import { toRangeWindow, type RangeKey } from "@/lib/range";
import { getDb } from "@/lib/db/client";
import { getFleetStatus, getResourceDailyCost, getResourceMetrics } from "@/lib/db/queries/fleet-common";
import { getImportHealth } from "@/lib/db/queries/import-health";
import { getColdStartInitShare, getSpendOverview } from "@/lib/db/queries/overview";

/**
 * Per-request memoised reads shared by several widgets of one page (React cache: one query per
 * request however many Suspense boundaries ask).
 */
export const getRequestNow = cache(() => new Date());

export const getFleetStatusForRequest = cache(() => getFleetStatus());

/** Per import scope, whether the stored data is complete (the import notice of the fleet pages). */
export const getImportHealthForRequest = cache(() => getImportHealth(getDb(), { now: getRequestNow() }));

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
