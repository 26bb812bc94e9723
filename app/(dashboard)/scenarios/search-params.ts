import { z } from "zod";
import { listSearchParamFields } from "@/lib/schemas/list-search-params";
import { SCENARIO_LIST_PAGE_PARAM, scenarioIdSchema } from "@/lib/schemas/scenario";
import {
  WORKLOAD_SEARCH_PARAMS,
  hasWorkloadSearchParams,
  parseWorkloadSearchParams,
  type WorkloadField,
  type WorkloadInput,
} from "@/lib/schemas/workload";

/**
 * URL state of /scenarios: `id` (an open saved scenario), `page` (the saved list's 1-based page,
 * read like the fleet lists' page) plus the workload's short params (lib/schemas/workload.ts
 * WORKLOAD_SEARCH_PARAMS). Missing params take the schema defaults; a bad one takes its default
 * too and is reported, so a mangled link still opens.
 */

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

export type UrlIssue = { param: string; value: string; message: string };

export type ScenarioPageState = {
  scenarioId: string | null;
  input: WorkloadInput;
  issues: UrlIssue[];
  hasWorkloadParams: boolean;
  /** Page of the saved list; a page past the end is clamped by the list itself. */
  listPage: number;
};

const pageParamsSchema = z.object({
  id: scenarioIdSchema.optional().catch(undefined),
  page: listSearchParamFields.page,
});

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function parseScenarioPageSearchParams(
  searchParams: SearchParamsRecord,
  options: { defaultRegion: string },
): ScenarioPageState {
  const { id, page } = pageParamsSchema.parse({
    id: first(searchParams.id),
    page: searchParams[SCENARIO_LIST_PAGE_PARAM],
  });
  const withRegion =
    searchParams[WORKLOAD_SEARCH_PARAMS.region] === undefined
      ? { ...searchParams, [WORKLOAD_SEARCH_PARAMS.region]: options.defaultRegion }
      : searchParams;
  const { input, fieldErrors } = parseWorkloadSearchParams(withRegion);
  const issues = (Object.entries(fieldErrors) as [WorkloadField, string][]).map(([field, message]) => {
    const param = WORKLOAD_SEARCH_PARAMS[field];
    return { param, value: first(withRegion[param]) ?? "", message };
  });
  return {
    scenarioId: id ?? null,
    input,
    issues,
    hasWorkloadParams: hasWorkloadSearchParams(searchParams),
    listPage: page,
  };
}
