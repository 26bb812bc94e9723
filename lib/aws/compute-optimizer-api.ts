/**
 * AWS Compute Optimizer reads of one account and region: GetLambdaFunctionRecommendations (twice:
 * plain, then filtered on the `Unavailable` finding, which the plain query leaves out) and
 * GetECSServiceRecommendations, each followed through nextToken. Thin: mapping is pure
 * (map-compute-optimizer.ts). Both calls are free.
 *
 * Failures throw with `api` set (not enrolled: OptInRequiredException; AccessDeniedException;
 * throttling past the SDK's retries); nothing partial is returned, so a caller that replaces the
 * stored recommendations replaces all of them or none.
 */
import type {
  ECSServiceRecommendation,
  GetECSServiceRecommendationsResponse,
  GetLambdaFunctionRecommendationsResponse,
  LambdaFunctionRecommendation,
} from "@aws-sdk/client-compute-optimizer";
import {
  GetECSServiceRecommendationsCommand,
  GetLambdaFunctionRecommendationsCommand,
} from "@aws-sdk/client-compute-optimizer";
import type { AwsClients } from "./clients";
import { AwsResponseShapeError, throwIfAborted, withApi } from "./errors";
import {
  COMPUTE_OPTIMIZER_ECS_API,
  COMPUTE_OPTIMIZER_LAMBDA_API,
  LAMBDA_UNAVAILABLE_FINDING,
} from "./map-compute-optimizer";

// No maxResults: the service's default page size, followed through nextToken (the accepted range is
// not documented per operation, and a wrong one would fail the whole read).
/** A safety net against a nextToken that never ends. */
const MAX_PAGES = 1000;

export type FetchComputeOptimizerOptions = { signal?: AbortSignal };

async function readPages<Page extends { nextToken?: string | undefined }>(
  api: string,
  send: (nextToken: string | undefined) => Promise<Page>,
  signal: AbortSignal | undefined,
): Promise<Page[]> {
  const pages: Page[] = [];
  let nextToken: string | undefined;
  do {
    throwIfAborted(signal);
    let page: Page;
    try {
      page = await send(nextToken);
    } catch (error) {
      throw withApi(error, api);
    }
    pages.push(page);
    const previous = nextToken;
    nextToken = page.nextToken || undefined;
    if (nextToken && nextToken === previous)
      throw new AwsResponseShapeError(api, "Compute Optimizer returned the same nextToken twice");
  } while (nextToken && pages.length < MAX_PAGES);
  if (nextToken) throw new AwsResponseShapeError(api, `still had more after ${MAX_PAGES} pages; not read`);
  return pages;
}

/**
 * Every Lambda function recommendation of the caller's account in the client's region, the
 * `Unavailable` ones included: the pages of the plain query, then those of the filtered one.
 */
export async function fetchLambdaFunctionRecommendations(
  clients: AwsClients,
  options: FetchComputeOptimizerOptions = {},
): Promise<{ lambdaFunctionRecommendations: LambdaFunctionRecommendation[] }[]> {
  const query = (filters: { name: "Finding"; values: string[] }[] | undefined) =>
    readPages<GetLambdaFunctionRecommendationsResponse>(
      COMPUTE_OPTIMIZER_LAMBDA_API,
      (nextToken) =>
        clients.computeOptimizer.send(
          new GetLambdaFunctionRecommendationsCommand({
            ...(filters ? { filters } : {}),
            ...(nextToken ? { nextToken } : {}),
          }),
          { abortSignal: options.signal },
        ),
      options.signal,
    );
  const pages = [
    ...(await query(undefined)),
    ...(await query([{ name: "Finding", values: [LAMBDA_UNAVAILABLE_FINDING] }])),
  ];
  return pages.map((page) => ({ lambdaFunctionRecommendations: page.lambdaFunctionRecommendations ?? [] }));
}

/** Every ECS service recommendation of the caller's account in the client's region. */
export async function fetchEcsServiceRecommendations(
  clients: AwsClients,
  options: FetchComputeOptimizerOptions = {},
): Promise<{ ecsServiceRecommendations: ECSServiceRecommendation[] }[]> {
  const pages = await readPages<GetECSServiceRecommendationsResponse>(
    COMPUTE_OPTIMIZER_ECS_API,
    (nextToken) =>
      clients.computeOptimizer.send(new GetECSServiceRecommendationsCommand(nextToken ? { nextToken } : {}), {
        abortSignal: options.signal,
      }),
    options.signal,
  );
  return pages.map((page) => ({ ecsServiceRecommendations: page.ecsServiceRecommendations ?? [] }));
}
