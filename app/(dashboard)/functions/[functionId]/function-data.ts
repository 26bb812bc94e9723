import "server-only";
import { cache } from "react";
import type { RangeKey } from "@/lib/charts/range";
import { getFunctionDetail, getFunctionMemoryObservations } from "@/lib/db/queries/functions";
import { getRangeWindowForRequest } from "../../_components/fleet-data";

/** Per-request memoised reads for the function page's widgets. */
export const getFunctionForRequest = cache((functionId: string) => getFunctionDetail(functionId));

export const getMemoryObservationsForRequest = cache((arn: string, range: RangeKey) =>
  getFunctionMemoryObservations(arn, getRangeWindowForRequest(range)),
);
