/**
 * The SDK clients of one account and region: the only place lib/aws builds them.
 *
 * - Credentials: the SDK's default provider chain, a named profile (`fromIni`, which also resolves
 *   SSO and role profiles), or AssumeRole with an ExternalId on top of either. One memoized
 *   provider is shared by the seven clients, so a role is assumed once per account/region and
 *   refreshed shortly before it expires — not once per client.
 * - Retries: the SDK's "adaptive" mode (exponential backoff with jitter plus client-side rate
 *   limiting after throttling), `maxAttempts` attempts per call.
 * - Timeouts: NodeHttpHandler `connectionTimeout` / `requestTimeout`, with `throwOnRequestTimeout`
 *   (without it, @smithy/node-http-handler 4.x only logs a warning when a request overruns).
 * - Endpoints: never set here. The SDK reads AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>
 *   (LAMBDA, ECS, CLOUDWATCH, CLOUDWATCH_LOGS, STS, COST_EXPLORER, COMPUTE_OPTIMIZER) and a profile's `endpoint_url` itself
 *   (@smithy/core endpoints, getEndpointUrlConfig) — including the STS client that
 *   fromTemporaryCredentials builds (@aws-sdk/nested-clients/sts, service id "STS").
 * - Calls: a middleware after the retry middleware counts every attempt, per `service:Operation`.
 * - Cost Explorer is global: its client always signs for us-east-1 (COST_EXPLORER_REGION), whatever
 *   region the other clients read.
 *
 * No credential is read, logged or put in an error here.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { ComputeOptimizerClient } from "@aws-sdk/client-compute-optimizer";
import { CostExplorerClient } from "@aws-sdk/client-cost-explorer";
import { ECSClient } from "@aws-sdk/client-ecs";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { STSClient } from "@aws-sdk/client-sts";
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type {
  FinalizeHandler,
  FinalizeHandlerArguments,
  FinalizeRequestMiddleware,
  HandlerExecutionContext,
  MetadataBearer,
  Pluggable,
} from "@smithy/types";

export type AwsAccess = { profile?: string | null; roleArn?: string | null; externalId?: string | null };

export type AwsClientSettings = {
  /** Attempts per call including retries (default 5). */
  maxAttempts?: number;
  /** Whole request, from sending to the last byte of the answer (default 20,000 ms). */
  requestTimeoutMs?: number;
  /** TCP/TLS connection setup (default the smaller of requestTimeoutMs and 5,000 ms). */
  connectionTimeoutMs?: number;
  /** Shared counter (the sync passes one for all regions of an account). */
  calls?: CallCounter;
};

export type AwsService = "lambda" | "ecs" | "cloudwatch" | "logs" | "sts" | "ce" | "compute-optimizer";

export type AwsClients = {
  region: string;
  lambda: LambdaClient;
  ecs: ECSClient;
  cloudwatch: CloudWatchClient;
  logs: CloudWatchLogsClient;
  sts: STSClient;
  /** Cost Explorer, in COST_EXPLORER_REGION whatever `region` is. */
  ce: CostExplorerClient;
  /** Compute Optimizer of `region` (its recommendations are regional). */
  computeOptimizer: ComputeOptimizerClient;
  calls: CallCounter;
};

/** Cost Explorer has one endpoint, ce.us-east-1.amazonaws.com (docs/aws-facts.md §7.1). */
export const COST_EXPLORER_REGION = "us-east-1";

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
const MAX_CONNECTION_TIMEOUT_MS = 5_000;
/** RoleSessionName of AssumeRole: shows up in the account's CloudTrail as the caller. */
export const ROLE_SESSION_NAME = "breakeven-sync";
/** Refresh temporary credentials this long before they expire. */
const CREDENTIAL_REFRESH_MARGIN_MS = 5 * 60_000;

/** Operation attempts per API ("lambda:ListFunctions" → 3), retries included. */
export class CallCounter {
  private readonly byApi = new Map<string, number>();

  add(api: string, n = 1): void {
    this.byApi.set(api, (this.byApi.get(api) ?? 0) + n);
  }

  counts(): Record<string, number> {
    return Object.fromEntries([...this.byApi].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  total(): number {
    let total = 0;
    for (const n of this.byApi.values()) total += n;
    return total;
  }
}

const CALL_COUNTER_NAME = "breakevenCallCounter";

/** "ListFunctionsCommand" → "ListFunctions". */
export function toOperationName(commandName: string | undefined): string {
  if (!commandName) return "Unknown";
  return commandName.endsWith("Command") ? commandName.slice(0, -"Command".length) : commandName;
}

/**
 * Counts each attempt: finalizeRequest at normal priority runs inside the retry middleware
 * (finalizeRequest, high priority), so a call retried twice counts three. `override` keeps
 * re-registration harmless (fromTemporaryCredentials applies its plugins on every refresh).
 */
export function callCounterPlugin(
  service: AwsService,
  calls: CallCounter,
): Pluggable<object, MetadataBearer> {
  const middleware: FinalizeRequestMiddleware<object, MetadataBearer> =
    (next: FinalizeHandler<object, MetadataBearer>, context: HandlerExecutionContext) =>
    (args: FinalizeHandlerArguments<object>) => {
      calls.add(`${service}:${toOperationName(context.commandName)}`);
      return next(args);
    };
  return {
    applyToStack: (stack) => {
      stack.add(middleware, {
        step: "finalizeRequest",
        priority: "normal",
        name: CALL_COUNTER_NAME,
        override: true,
      });
    },
  };
}

type CredentialProvider = ReturnType<typeof fromNodeProviderChain>;
type Credentials = Awaited<ReturnType<CredentialProvider>>;

/**
 * One resolution shared by every caller: concurrent callers wait for the same promise; the result
 * is reused until CREDENTIAL_REFRESH_MARGIN_MS before it expires; a failure is not cached.
 */
export function memoizeCredentials(
  provider: CredentialProvider,
  nowMs = () => Date.now(),
): CredentialProvider {
  let current: Credentials | null = null;
  let pending: Promise<Credentials> | null = null;
  const isFresh = (credentials: Credentials) =>
    !credentials.expiration || credentials.expiration.getTime() - nowMs() > CREDENTIAL_REFRESH_MARGIN_MS;
  return async (properties) => {
    if (current && isFresh(current)) return current;
    pending ??= provider(properties)
      .then((credentials) => {
        current = credentials;
        return credentials;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };
}

function createRequestHandler(settings: AwsClientSettings): NodeHttpHandler {
  const requestTimeout = settings.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return new NodeHttpHandler({
    requestTimeout,
    throwOnRequestTimeout: true,
    connectionTimeout: settings.connectionTimeoutMs ?? Math.min(requestTimeout, MAX_CONNECTION_TIMEOUT_MS),
  });
}

/** The credential provider of an account's access settings (not yet memoized). */
export function createCredentialProvider(
  access: AwsAccess,
  region: string,
  settings: AwsClientSettings & { calls: CallCounter },
): CredentialProvider {
  const profile = access.profile || undefined;
  const base: CredentialProvider = profile ? fromIni({ profile }) : fromNodeProviderChain();
  if (!access.roleArn) return base;
  return fromTemporaryCredentials({
    masterCredentials: base,
    params: {
      RoleArn: access.roleArn,
      RoleSessionName: ROLE_SESSION_NAME,
      ...(access.externalId ? { ExternalId: access.externalId } : {}),
    },
    // A regional STS endpoint (the region being synced), the same retries and timeouts. No
    // endpoint: the nested STS client reads AWS_ENDPOINT_URL(_STS) like the others.
    clientConfig: {
      region,
      maxAttempts: settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      retryMode: "adaptive",
      requestHandler: createRequestHandler(settings),
      ...(profile ? { profile } : {}),
    },
    clientPlugins: [callCounterPlugin("sts", settings.calls)],
  });
}

export function createAwsClients(
  access: AwsAccess,
  region: string,
  settings: AwsClientSettings = {},
): AwsClients {
  const calls = settings.calls ?? new CallCounter();
  const credentials = memoizeCredentials(createCredentialProvider(access, region, { ...settings, calls }));
  const profile = access.profile || undefined;
  // Each client gets its own handler (destroying one client must not close another's sockets).
  const config = (clientRegion = region) => ({
    region: clientRegion,
    credentials,
    maxAttempts: settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: "adaptive",
    requestHandler: createRequestHandler(settings),
    // The profile's config-file settings (endpoint_url, services) apply too.
    ...(profile ? { profile } : {}),
  });
  const lambda = new LambdaClient(config());
  const ecs = new ECSClient(config());
  const cloudwatch = new CloudWatchClient(config());
  const logs = new CloudWatchLogsClient(config());
  const sts = new STSClient(config());
  const ce = new CostExplorerClient(config(COST_EXPLORER_REGION));
  const computeOptimizer = new ComputeOptimizerClient(config());
  lambda.middlewareStack.use(callCounterPlugin("lambda", calls));
  ecs.middlewareStack.use(callCounterPlugin("ecs", calls));
  cloudwatch.middlewareStack.use(callCounterPlugin("cloudwatch", calls));
  logs.middlewareStack.use(callCounterPlugin("logs", calls));
  sts.middlewareStack.use(callCounterPlugin("sts", calls));
  ce.middlewareStack.use(callCounterPlugin("ce", calls));
  computeOptimizer.middlewareStack.use(callCounterPlugin("compute-optimizer", calls));
  return { region, lambda, ecs, cloudwatch, logs, sts, ce, computeOptimizer, calls };
}
