/**
 * Lambda inventory: ListFunctions pages (50 functions each), each function completed with its tags
 * (ListTags) and provisioned-concurrency configurations (ListProvisionedConcurrencyConfigs) under a
 * bounded concurrency. Thin: the mapping is in map-lambda.ts.
 *
 * - An error on ListFunctions throws (with `api`), so the caller never mistakes a partial list for a
 *   complete inventory.
 * - A per-function ListTags / ListProvisionedConcurrencyConfigs failure leaves that field null
 *   (unknown: the caller keeps what it stored) and is reported once per (api, code) per run, so
 *   10,000 functions without lambda:ListTags make one issue, not 10,000.
 */
import type { ProvisionedConcurrencyConfigListItem } from "@aws-sdk/client-lambda";
import {
  ListTagsCommand,
  paginateListFunctions,
  paginateListProvisionedConcurrencyConfigs,
} from "@aws-sdk/client-lambda";
import pLimit from "p-limit";
import type { AwsClients } from "./clients";
import type { SyncIssue } from "./errors";
import { IssueOnce, isAbortError, throwIfAborted, withApi } from "./errors";
import type { LambdaFunctionInfo } from "./map-lambda";
import { mapLambdaFunction, mapLambdaTags, mapProvisionedConcurrencyConfigs } from "./map-lambda";

export const LIST_FUNCTIONS_PAGE_SIZE = 50;
export const DEFAULT_LAMBDA_CONCURRENCY = 8;

export type ListLambdaFunctionsOptions = {
  concurrency?: number;
  onIssue: (issue: SyncIssue) => void;
  signal?: AbortSignal;
};

export async function* listLambdaFunctions(
  clients: AwsClients,
  options: ListLambdaFunctionsOptions,
): AsyncGenerator<LambdaFunctionInfo[]> {
  const { signal } = options;
  const limit = pLimit(Math.max(1, options.concurrency ?? DEFAULT_LAMBDA_CONCURRENCY));
  const issues = new IssueOnce(clients.region, options.onIssue);
  const sendOptions = signal ? { abortSignal: signal } : {};
  const note = "the field is left unknown; later functions with the same error are not listed one by one";

  const readTags = async (fn: LambdaFunctionInfo): Promise<Record<string, string> | null> => {
    try {
      const response = await clients.lambda.send(new ListTagsCommand({ Resource: fn.arn }), sendOptions);
      return mapLambdaTags(response.Tags);
    } catch (error) {
      if (isAbortError(error)) throw error;
      issues.report("lambda:ListTags", error, fn.arn, note);
      return null;
    }
  };

  const readProvisionedConcurrency = async (fn: LambdaFunctionInfo) => {
    try {
      const items: ProvisionedConcurrencyConfigListItem[] = [];
      for await (const page of paginateListProvisionedConcurrencyConfigs(
        { client: clients.lambda, pageSize: 50 },
        { FunctionName: fn.arn },
        sendOptions,
      )) {
        items.push(...(page.ProvisionedConcurrencyConfigs ?? []));
      }
      return mapProvisionedConcurrencyConfigs(items);
    } catch (error) {
      if (isAbortError(error)) throw error;
      issues.report("lambda:ListProvisionedConcurrencyConfigs", error, fn.arn, note);
      return null;
    }
  };

  const pages = paginateListFunctions(
    { client: clients.lambda, pageSize: LIST_FUNCTIONS_PAGE_SIZE },
    {},
    sendOptions,
  );
  const iterator = pages[Symbol.asyncIterator]();
  try {
    while (true) {
      throwIfAborted(signal);
      let next;
      try {
        next = await iterator.next();
      } catch (error) {
        throw withApi(error, "lambda:ListFunctions");
      }
      if (next.done) return;
      const functions = (next.value.Functions ?? []).map((config) =>
        mapLambdaFunction(config, clients.region),
      );
      const filled = await Promise.all(
        functions.map((fn) =>
          limit(async () => {
            throwIfAborted(signal);
            const [tags, provisionedConcurrency] = await Promise.all([
              readTags(fn),
              readProvisionedConcurrency(fn),
            ]);
            return { ...fn, tags, provisionedConcurrency };
          }),
        ),
      ).finally(() => limit.clearQueue());
      yield filled;
    }
  } finally {
    limit.clearQueue();
  }
}
