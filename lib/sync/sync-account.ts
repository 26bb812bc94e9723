/**
 * The AWS sync of one account: inventory (Lambda, ECS Fargate), CloudWatch metrics and Lambda
 * REPORT-line evidence and AWS Compute Optimizer's advice, region by region, then the account's
 * billed cost from Cost Explorer, written through the one import pipeline (runImport).
 *
 * This folder is the only place that imports both lib/aws (SDK calls, pure mappers) and
 * lib/db/import (the pipeline). What one API or region cannot give (access denied, unreachable,
 * throttled past the SDK's adaptive retries) becomes an issue and the rest goes on: the run ends
 * "partial" and names account, region, API and AWS error code.
 */
import type { AwsClients, AwsClientSettings } from "@/lib/aws/clients";
import { CallCounter, createAwsClients } from "@/lib/aws/clients";
import type { SyncIssue } from "@/lib/aws/errors";
import { classifyAwsError } from "@/lib/aws/errors";
import { fetchMetricSeries, fargateMetricRequests, lambdaMetricRequests } from "@/lib/aws/cloudwatch-api";
import { fetchBilledCost } from "@/lib/aws/cost-explorer-api";
import { COST_EXPLORER_API, COST_EXPLORER_SOURCE } from "@/lib/aws/map-cost-explorer";
import type { Granularity, MetricRequest } from "@/lib/aws/map-cloudwatch";
import { listFargateServices } from "@/lib/aws/ecs-api";
import { listLambdaFunctions } from "@/lib/aws/lambda-api";
import { queryReportObservations } from "@/lib/aws/logs-api";
import { getCallerIdentity } from "@/lib/aws/sts-api";
import type { Db } from "@/lib/db/create-db";
import type { ImportBatch, ImportContext, ImportResult } from "@/lib/db/import/run-import";
import { accountLockScope } from "@/lib/db/import/import-lock";
import { runImport } from "@/lib/db/import/run-import";
import type { RegionState, StoredConfig, SyncAccount } from "@/lib/db/import/sync-state";
import { newRowId, readRegionState } from "@/lib/db/import/sync-state";
import type {
  FargateServiceConfigChangeRow,
  FargateServiceRow,
  LambdaConfigChangeRow,
  LambdaFunctionRow,
  LambdaProvisionedConcurrencyRow,
  MemoryObservationRow,
} from "@/lib/db/import/tables";
import type { ComputeOptimizerOutcome } from "./sync-compute-optimizer";
import { syncComputeOptimizer } from "./sync-compute-optimizer";
import { DailyLambdaFigures, clipSeries, mergeMetricSeries, toFargateRows, toLambdaRows } from "./to-rows";
import type { TimeWindow } from "./windows";
import {
  COST_EXPLORER_USD_PER_REQUEST,
  DAY_MS,
  DEFAULT_SYNC_DAYS,
  GET_METRIC_DATA_USD_PER_METRIC,
  LOGS_INSIGHTS_USD_PER_GB,
  MAX_SYNC_DAYS,
  computeCostWindow,
  computeMetricWindows,
  extendCostCoverage,
  extendCoverage,
} from "./windows";

export type SyncProgress = { step: string; done: number; total: number; calls: number };

export type SyncAccountOptions = {
  /** Regions to read (default: the account's enabled regions). */
  regions?: readonly string[];
  /** Days of daily metrics to read on a first sync (default and maximum 90). */
  days?: number;
  /** Continue a run a server reserved. */
  runId?: string;
  now?: Date;
  onProgress?: (progress: SyncProgress) => void;
  clientSettings?: Omit<AwsClientSettings, "calls">;
  /** Parallel calls per API (ListTags, GetMetricData, Logs Insights). */
  concurrency?: { lambda?: number; metrics?: number; logs?: number };
  /** Logs Insights queries still running after this are stopped (default 5 minutes). */
  logsDeadlineMs?: number;
  lock?: { staleMs?: number; heartbeatMs?: number };
};

export type SyncAccountResult = ImportResult & { accountId: string; regions: string[] };

export async function syncAccount(
  db: Db,
  account: SyncAccount,
  options: SyncAccountOptions = {},
): Promise<SyncAccountResult> {
  const now = options.now ?? new Date();
  const days = Math.min(Math.max(Math.round(options.days ?? DEFAULT_SYNC_DAYS), 1), MAX_SYNC_DAYS);
  const regions = [...(options.regions?.length ? options.regions : account.regions)].sort();
  if (regions.length === 0) {
    throw new Error(`account ${account.id} has no enabled region; add one (e.g. --regions us-east-1)`);
  }
  const calls = new CallCounter();
  let metricsRequested = 0;
  let bytesScanned = 0;
  let costExplorerRequests = 0;
  const computeOptimizer: Record<string, ComputeOptimizerOutcome> = {};
  const windowEnd = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);

  const result = await runImport(db, {
    kind: "aws",
    lockScope: accountLockScope(account.id),
    accountId: account.id,
    runId: options.runId,
    summaryWindow: { windowDays: 30, windowEnd },
    dailySpend: { kind: "recompute", accountIds: [account.id] },
    detail: {
      regions,
      days,
      isLogsInsightsEnabled: account.isLogsInsightsEnabled,
      isCostExplorerEnabled: account.isCostExplorerEnabled,
    },
    lock: options.lock,
    onProgress: (progress) =>
      options.onProgress?.({
        step: progress.step,
        done: progress.done,
        total: progress.total,
        calls: calls.total(),
      }),
    produce: async function* (context: ImportContext): AsyncGenerator<ImportBatch> {
      const updateCost = () => {
        context.setCalls(calls.counts());
        context.setEstimatedCostUsd(
          metricsRequested * GET_METRIC_DATA_USD_PER_METRIC +
            (bytesScanned / 1e9) * LOGS_INSIGHTS_USD_PER_GB +
            costExplorerRequests * COST_EXPLORER_USD_PER_REQUEST,
        );
      };
      const firstClients = createAwsClients(
        { profile: account.profile, roleArn: account.roleArn, externalId: account.externalId },
        regions[0] as string,
        { ...options.clientSettings, calls },
      );
      await assertCredentialsAreFor(account, firstClients);
      for (const [regionIndex, region] of regions.entries()) {
        const clients = createAwsClients(
          { profile: account.profile, roleArn: account.roleArn, externalId: account.externalId },
          region,
          { ...options.clientSettings, calls },
        );
        const regionSync = new RegionSync(context, account, clients, now, {
          regionLabel: regions.length > 1 ? `${region} (${regionIndex + 1}/${regions.length})` : region,
          concurrency: options.concurrency ?? {},
          logsDeadlineMs: options.logsDeadlineMs ?? 5 * 60_000,
          onMetricsRequested: (n) => {
            metricsRequested += n;
          },
          onBytesScanned: (n) => {
            bytesScanned += n;
          },
        });
        yield* regionSync.run(days);
        // AWS's own advice, beside Breakeven's; a failed read is recorded, never an issue.
        yield* syncComputeOptimizer(context, account.id, clients, now, {
          regionLabel: regions.length > 1 ? `${region} (${regionIndex + 1}/${regions.length})` : region,
          onOutcome: (key, outcome) => {
            computeOptimizer[key] = outcome;
            context.setDetail({ computeOptimizer });
          },
        });
        updateCost();
      }
      if (account.isCostExplorerEnabled) {
        yield* syncBilledCost(context, account, firstClients, now, days, () => {
          costExplorerRequests += 1;
          context.setDetail({ costExplorerRequests });
          updateCost();
        });
      }
      updateCost();
    },
  });
  return { ...result, accountId: account.id, regions };
}

export class SyncCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SyncCredentialsError";
  }
}

/**
 * The credentials must be the account's own: reading another account's functions into this one
 * would be silently wrong. One STS GetCallerIdentity call (free).
 */
async function assertCredentialsAreFor(account: SyncAccount, clients: AwsClients): Promise<void> {
  let callerAccountId: string;
  try {
    callerAccountId = (await getCallerIdentity(clients)).accountId;
  } catch (error) {
    const classified = classifyAwsError(error);
    throw new SyncCredentialsError(
      `could not sign in to account ${account.id} (${classified.code}): ${classified.message}`,
    );
  }
  if (callerAccountId !== account.id) {
    throw new SyncCredentialsError(
      `the credentials are for account ${callerAccountId}, not ${account.id}: set the account's role ARN or profile`,
    );
  }
}

/**
 * The account's billed cost (Cost Explorer, global): the whole UTC days of computeCostWindow, read
 * in one go and written as one batch that replaces those days' cost-explorer lines (a restated day
 * never keeps an old line next to its new one) and extends the account's cost coverage. A failure
 * — access denied, Cost Explorer not enabled, throttling past the retries — is an issue and writes
 * nothing; the rest of the sync stands.
 */
async function* syncBilledCost(
  context: ImportContext,
  account: SyncAccount,
  clients: AwsClients,
  now: Date,
  days: number,
  onRequest: () => void,
): AsyncGenerator<ImportBatch> {
  const window = computeCostWindow(now, days, account.costCoverage);
  if (!window) return;
  const step = "Cost Explorer: billed cost";
  yield { progress: { step, done: 0, total: 1 } };
  let billed: Awaited<ReturnType<typeof fetchBilledCost>>;
  try {
    billed = await fetchBilledCost(clients, account.id, window, {
      signal: context.signal,
      onPage: onRequest,
    });
  } catch (error) {
    if (context.signal.aborted) throw error;
    const classified = classifyAwsError(error);
    const failedApi = (error as { api?: unknown } | null)?.api;
    context.reportIssue({
      accountId: account.id,
      region: "global",
      api: typeof failedApi === "string" ? failedApi : COST_EXPLORER_API,
      code: classified.code,
      message:
        classified.kind === "access-denied"
          ? `${classified.message} (Cost Explorer must be enabled, and shared with member accounts by the management account; or switch Cost Explorer off for this account)`
          : classified.message,
    });
    return;
  }
  const coverage = extendCostCoverage(account.costCoverage, window, billed.days);
  yield {
    costLines: billed.lines,
    replaceCostLines: {
      accountId: account.id,
      source: COST_EXPLORER_SOURCE,
      days: billed.days.map((day) => day.day),
    },
    accountCostCoverage: coverage
      ? [
          {
            accountId: account.id,
            costFrom: coverage.from,
            costTo: coverage.to,
            costFinalTo: coverage.finalTo,
          },
        ]
      : [],
    progress: { step, done: 1, total: 1 },
  };
}

type RegionSyncSettings = {
  regionLabel: string;
  concurrency: NonNullable<SyncAccountOptions["concurrency"]>;
  logsDeadlineMs: number;
  onMetricsRequested: (n: number) => void;
  onBytesScanned: (n: number) => void;
};

/** One region of one account: each step catches its own AWS failures and reports them. */
class RegionSync {
  private readonly region: string;
  private state: RegionState | null = null;
  /** Functions and services listed by this run (for metrics), with their configuration history. */
  private readonly functions = new Map<
    string,
    { name: string; qualifiers: string[]; configs: StoredConfig[] }
  >();
  private readonly services = new Map<string, { clusterName: string; name: string }>();
  private isLambdaInventoryComplete = false;

  constructor(
    private readonly context: ImportContext,
    private readonly account: SyncAccount,
    private readonly clients: AwsClients,
    private readonly now: Date,
    private readonly settings: RegionSyncSettings,
  ) {
    this.region = clients.region;
  }

  private issue(issue: SyncIssue): void {
    this.context.reportIssue({ ...issue, accountId: this.account.id });
  }

  /** `api` names the step; an error that says which API call failed (`error.api`) names that instead. */
  private fail(api: string, error: unknown): void {
    const classified = classifyAwsError(error);
    const failedApi = (error as { api?: unknown } | null)?.api;
    this.issue({
      region: this.region,
      api: typeof failedApi === "string" ? failedApi : api,
      code: classified.code,
      message: classified.message,
    });
  }

  private progress(step: string, done: number, total: number) {
    return { step: `${this.settings.regionLabel}: ${step}`, done, total };
  }

  async *run(days: number): AsyncGenerator<ImportBatch> {
    this.state = await readRegionState(this.context.writer, this.account.id, this.region);
    yield* this.syncLambdaInventory();
    yield* this.syncFargateInventory();
    yield* this.syncMetrics(days);
    if (this.account.isLogsInsightsEnabled) yield* this.syncReportLines(days);
  }

  private async *syncLambdaInventory(): AsyncGenerator<ImportBatch> {
    const state = this.state as RegionState;
    let listed = 0;
    try {
      const pages = listLambdaFunctions(this.clients, {
        concurrency: this.settings.concurrency.lambda,
        onIssue: (issue) => this.issue(issue),
        signal: this.context.signal,
      });
      for await (const page of pages) {
        const batch: {
          functions: LambdaFunctionRow[];
          lambdaConfigChanges: LambdaConfigChangeRow[];
          provisionedConcurrency: LambdaProvisionedConcurrencyRow[];
          provisionedConcurrencyFor: string[];
        } = {
          functions: [],
          lambdaConfigChanges: [],
          provisionedConcurrency: [],
          provisionedConcurrencyFor: [],
        };
        for (const info of page) {
          const stored = state.functions.get(info.arn);
          const rows = toLambdaRows(info, stored, { now: this.now, newId: newRowId });
          batch.functions.push(rows.function);
          if (rows.configChange) batch.lambdaConfigChanges.push(rows.configChange);
          if (rows.provisionedConcurrency) {
            batch.provisionedConcurrency.push(...rows.provisionedConcurrency);
            batch.provisionedConcurrencyFor.push(rows.function.id);
          }
          const configs = [...(stored?.configs ?? [])];
          if (rows.configChange) configs.push(rows.configChange);
          this.functions.set(info.arn, {
            name: info.name,
            qualifiers: (info.provisionedConcurrency ?? []).map((config) => config.qualifier),
            configs,
          });
        }
        listed += page.length;
        yield { ...batch, progress: this.progress("Lambda functions", listed, listed) };
      }
      this.isLambdaInventoryComplete = true;
      this.context.completeInventory({
        accountId: this.account.id,
        region: this.region,
        resourceType: "lambda",
      });
    } catch (error) {
      this.fail("lambda:ListFunctions", error);
    }
  }

  private async *syncFargateInventory(): AsyncGenerator<ImportBatch> {
    const state = this.state as RegionState;
    let listed = 0;
    try {
      const pages = listFargateServices(this.clients, {
        onIssue: (issue) => this.issue(issue),
        signal: this.context.signal,
      });
      for await (const page of pages) {
        const batch: {
          services: FargateServiceRow[];
          serviceConfigChanges: FargateServiceConfigChangeRow[];
        } = {
          services: [],
          serviceConfigChanges: [],
        };
        for (const info of page) {
          const rows = toFargateRows(info, state.services.get(info.arn), { now: this.now, newId: newRowId });
          batch.services.push(rows.service);
          if (rows.configChange) batch.serviceConfigChanges.push(rows.configChange);
          this.services.set(info.arn, { clusterName: info.clusterName, name: info.name });
        }
        listed += page.length;
        yield { ...batch, progress: this.progress("Fargate services", listed, listed) };
      }
      this.context.completeInventory({
        accountId: this.account.id,
        region: this.region,
        resourceType: "fargate",
      });
    } catch (error) {
      this.fail("ecs:ListServices", error);
    }
  }

  /** Hourly and daily CloudWatch metrics of what the inventory listed; metric-based observations. */
  private async *syncMetrics(days: number): AsyncGenerator<ImportBatch> {
    const state = this.state as RegionState;
    const windows = computeMetricWindows(this.now, days, state.metricsTo);
    const requests: MetricRequest[] = [];
    for (const [arn, fn] of this.functions) {
      requests.push(...lambdaMetricRequests({ arn, name: fn.name, provisionedQualifiers: fn.qualifiers }));
    }
    for (const [arn, service] of this.services) {
      requests.push(...fargateMetricRequests({ arn, clusterName: service.clusterName, name: service.name }));
    }
    if (requests.length === 0) {
      // Nothing to read; the region is still covered when its inventory was read completely.
      if (this.isLambdaInventoryComplete && windows.daily) yield this.coverageBatch(windows.daily);
      return;
    }
    const figures = new DailyLambdaFigures();
    let isComplete = true;
    for (const [granularity, window] of [
      ["hour", windows.hourly],
      ["day", windows.daily],
    ] as [Granularity, TimeWindow | null][]) {
      if (!window) continue;
      const step = granularity === "hour" ? "hourly metrics" : "daily metrics";
      let done = 0;
      try {
        const batches = fetchMetricSeries(
          this.clients,
          requests,
          { ...window, granularity },
          {
            concurrency: this.settings.concurrency.metrics,
            onIssue: (issue) => this.issue(issue),
            signal: this.context.signal,
            onCall: (n) => this.settings.onMetricsRequested(n),
          },
        );
        for await (const series of batches) {
          const merged = clipSeries(mergeMetricSeries(series), window);
          if (granularity === "day") figures.add(merged);
          done += series.length;
          yield {
            metricSeries: merged,
            progress: this.progress(step, Math.min(done, requests.length), requests.length),
          };
        }
      } catch (error) {
        isComplete = false;
        this.fail("cloudwatch:GetMetricData", error);
      }
    }
    const configs = new Map([...this.functions].map(([arn, fn]) => [arn, fn.configs]));
    const observations: MemoryObservationRow[] = figures.toObservations(configs);
    if (observations.length > 0) yield { memoryObservations: observations };
    if (isComplete && this.isLambdaInventoryComplete && windows.daily)
      yield this.coverageBatch(windows.daily);
  }

  private coverageBatch(daily: TimeWindow): ImportBatch {
    const state = this.state as RegionState;
    const coverage = extendCoverage(state, daily);
    return {
      accountRegions: [{ accountId: this.account.id, region: this.region, isEnabled: true, ...coverage }],
    };
  }

  /** Lambda REPORT lines through Logs Insights (paid; opt-in per account): source "logs". */
  private async *syncReportLines(days: number): AsyncGenerator<ImportBatch> {
    const state = this.state as RegionState;
    const { daily } = computeMetricWindows(this.now, days, state.metricsTo);
    if (!daily || this.functions.size === 0) return;
    const byName = new Map([...this.functions].map(([arn, fn]) => [fn.name, { arn, configs: fn.configs }]));
    try {
      const { observations, bytesScanned } = await queryReportObservations(
        this.clients,
        [...byName.keys()],
        daily,
        {
          concurrency: this.settings.concurrency.logs,
          deadlineMs: this.settings.logsDeadlineMs,
          onIssue: (issue) => this.issue(issue),
          signal: this.context.signal,
        },
      );
      this.settings.onBytesScanned(bytesScanned);
      const rows: MemoryObservationRow[] = [];
      for (const observation of observations) {
        const fn = byName.get(observation.functionName);
        if (!fn) continue;
        const config = fn.configs.findLast((c) => c.memoryMb === observation.memoryMb) ?? fn.configs.at(-1);
        rows.push({
          functionArn: fn.arn,
          memoryMb: observation.memoryMb,
          architecture: config?.architecture ?? "x86_64",
          source: "logs",
          observedOn: observation.day,
          invocations: observation.invocations,
          durationAvgMs: observation.durationAvgMs,
          durationP50Ms: observation.durationP50Ms,
          durationP95Ms: observation.durationP95Ms,
          durationP99Ms: observation.durationP99Ms,
          maxMemoryUsedMb: observation.maxMemoryUsedMb,
          initDurationAvgMs: observation.initDurationAvgMs,
          coldStarts: observation.coldStarts,
        });
      }
      yield { memoryObservations: rows, progress: this.progress("REPORT lines", rows.length, rows.length) };
    } catch (error) {
      this.fail("logs:StartQuery", error);
    }
  }
}
