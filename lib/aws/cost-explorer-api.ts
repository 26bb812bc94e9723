/**
 * Cost Explorer GetCostAndUsage for one account: the main query, then the few service-resolution
 * queries its answer asks for (map-cost-explorer.ts), each followed through NextPageToken. Thin:
 * requests and mapping are pure (map-cost-explorer.ts).
 *
 * Every page is a paid request ($0.01, docs/aws-facts.md §7.4): `onPage` is called once per page
 * answered (AWS bills only answered requests), so the caller can price the run. The client's call
 * counter counts attempts, retries included.
 *
 * Failures: a throttle that outlasts the SDK's adaptive retries, AccessDenied or Cost Explorer not
 * enabled for the account throws (with `api` set); nothing partial is returned, so a caller that
 * writes the answer writes all of a window or none of it.
 */
import type { GetCostAndUsageCommandInput, GetCostAndUsageResponse } from "@aws-sdk/client-cost-explorer";
import { GetCostAndUsageCommand } from "@aws-sdk/client-cost-explorer";
import type { AwsClients } from "./clients";
import { AwsResponseShapeError, throwIfAborted, withApi } from "./errors";
import type { CostWindow, MappedCostAndUsage, ServiceResolution } from "./map-cost-explorer";
import {
  COST_EXPLORER_API,
  mapCostAndUsage,
  planRecordTypeResolutions,
  planServiceResolutions,
  toCostAndUsageRequest,
  toServiceResolutionRequest,
} from "./map-cost-explorer";

/** A safety net against a NextPageToken that never ends (a 90-day answer is a few pages). */
const MAX_PAGES_PER_QUERY = 500;

export type FetchCostOptions = {
  signal?: AbortSignal;
  /** Called once per page answered (each is a billed request). */
  onPage?: () => void;
};

/** Every page of one GetCostAndUsage query, following NextPageToken. */
export async function fetchCostAndUsagePages(
  clients: AwsClients,
  request: GetCostAndUsageCommandInput,
  options: FetchCostOptions = {},
): Promise<GetCostAndUsageResponse[]> {
  const pages: GetCostAndUsageResponse[] = [];
  let nextPageToken: string | undefined;
  do {
    throwIfAborted(options.signal);
    let page: GetCostAndUsageResponse;
    try {
      page = await clients.ce.send(new GetCostAndUsageCommand({ ...request, NextPageToken: nextPageToken }), {
        abortSignal: options.signal,
      });
    } catch (error) {
      throw withApi(error, COST_EXPLORER_API);
    }
    options.onPage?.();
    pages.push(page);
    const previous = nextPageToken;
    nextPageToken = page.NextPageToken || undefined;
    if (nextPageToken && nextPageToken === previous) {
      throw new AwsResponseShapeError(
        COST_EXPLORER_API,
        "GetCostAndUsage returned the same NextPageToken twice",
      );
    }
  } while (nextPageToken && pages.length < MAX_PAGES_PER_QUERY);
  if (nextPageToken) {
    throw new AwsResponseShapeError(
      COST_EXPLORER_API,
      `GetCostAndUsage still had more after ${MAX_PAGES_PER_QUERY} pages; not read`,
    );
  }
  return pages;
}

/**
 * The billed cost of one linked account over `window` (whole UTC days): the main query (one DAILY
 * query for every line), then — only when some usage types do not name their service — one query
 * splitting them by service, and in the rare ambiguous case one per record type involved. Requests
 * made: the pages of the main query, plus those of the resolutions.
 */
export async function fetchBilledCost(
  clients: AwsClients,
  accountId: string,
  window: CostWindow,
  options: FetchCostOptions = {},
): Promise<MappedCostAndUsage & { resolutions: ServiceResolution[] }> {
  const main = await fetchCostAndUsagePages(clients, toCostAndUsageRequest(accountId, window), options);
  const resolutions: { resolution: ServiceResolution; pages: GetCostAndUsageResponse[] }[] = [];
  const read = async (planned: readonly ServiceResolution[]) => {
    for (const resolution of planned) {
      const request = toServiceResolutionRequest(accountId, resolution);
      resolutions.push({ resolution, pages: await fetchCostAndUsagePages(clients, request, options) });
    }
  };
  await read(planServiceResolutions(main, window));
  if (resolutions.length > 0) {
    await read(
      planRecordTypeResolutions(
        main,
        window,
        resolutions.flatMap(({ pages }) => pages),
      ),
    );
  }
  return {
    ...mapCostAndUsage(accountId, window, { main, resolutions }),
    resolutions: resolutions.map(({ resolution }) => resolution),
  };
}
