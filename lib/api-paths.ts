/**
 * The paths of the API routes (app/api) that the browser calls. One definition for the two sides
 * that name them: the requests in components and lib/queries, and the pages that ask the proxy's
 * rule (lib/auth/policy.ts canRequest) whether to show the control that sends them. Pure: runs in
 * the browser and on the server.
 */

const segment = encodeURIComponent;

export const API_PATHS = {
  accounts: "/api/accounts",
  account: (accountId: string) => `/api/accounts/${segment(accountId)}`,
  accountTest: (accountId: string) => `/api/accounts/${segment(accountId)}/test`,
  accountSync: (accountId: string) => `/api/accounts/${segment(accountId)}/sync`,
  demoFleet: "/api/fleet/demo",
  powerTuning: (functionId: string) => `/api/functions/${segment(functionId)}/power-tuning`,
  recommendation: (recommendationId: number) => `/api/recommendations/${recommendationId}`,
  recommendationsExport: "/api/recommendations/export",
  scenarios: "/api/scenarios",
  scenario: (scenarioId: string) => `/api/scenarios/${segment(scenarioId)}`,
  scenarioDuplicate: (scenarioId: string) => `/api/scenarios/${segment(scenarioId)}/duplicate`,
  syncRun: (runId: string) => `/api/sync-runs/${segment(runId)}`,
} as const;
