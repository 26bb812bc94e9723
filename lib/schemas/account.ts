import { z } from "zod";
import { syncRunSchema } from "./sync-run";

/**
 * AWS accounts Breakeven syncs (the Accounts page, app/api/accounts, `cli accounts`). Breakeven
 * stores no credential at all: an account is read with the server's default AWS credentials, a
 * named profile, or a role assumed with an ExternalId. The ExternalId is not a secret, but it is
 * only returned by the single-account endpoint (the edit form), never in lists.
 */

export const ACCOUNT_NAME_MAX_LENGTH = 100;
export const MAX_ACCOUNT_REGIONS = 20;

export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
export const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
export const ROLE_ARN_PATTERN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
export const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;
export const PROFILE_PATTERN = /^[\w+=,.@-]{1,128}$/;

export const accountIdSchema = z
  .string({ error: "The account id must be text" })
  .trim()
  .regex(ACCOUNT_ID_PATTERN, { error: "An AWS account id is exactly 12 digits" });

export const accountNameSchema = z
  .string({ error: "The name must be text" })
  .trim()
  .min(1, { error: "Give the account a name" })
  .max(ACCOUNT_NAME_MAX_LENGTH, { error: `The name must be at most ${ACCOUNT_NAME_MAX_LENGTH} characters` });

export const regionSchema = z
  .string({ error: "A region must be text" })
  .trim()
  .regex(REGION_PATTERN, { error: "Not an AWS region code (e.g. us-east-1)" });

/** 1–20 region codes, duplicates removed (first occurrence kept). */
export const accountRegionsSchema = z
  .array(regionSchema, { error: "Regions must be a list of region codes" })
  .transform((regions) => [...new Set(regions)])
  .pipe(
    z
      .array(z.string())
      .min(1, { error: "Choose at least one region" })
      .max(MAX_ACCOUNT_REGIONS, { error: `At most ${MAX_ACCOUNT_REGIONS} regions` }),
  );

const roleArnSchema = z
  .string({ error: "The role ARN must be text" })
  .trim()
  .regex(ROLE_ARN_PATTERN, { error: "Not an IAM role ARN (arn:aws:iam::123456789012:role/Name)" });

const externalIdSchema = z
  .string({ error: "The ExternalId must be text" })
  .trim()
  .regex(EXTERNAL_ID_PATTERN, {
    error: "2–1224 characters: letters, digits and + = , . @ : / - _",
  });

const profileSchema = z
  .string({ error: "The profile must be text" })
  .trim()
  .regex(PROFILE_PATTERN, { error: "1–128 characters: letters, digits and + = , . @ - _" });

/** "" (an emptied form field) means "not set". */
const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;
/** In a patch, "" or null clears the field. */
const blankToNull = (value: unknown) =>
  value === null || (typeof value === "string" && value.trim() === "") ? null : value;

export const EXTERNAL_ID_NEEDS_ROLE = "An ExternalId is only used with a role ARN";

export const createAccountBodySchema = z
  .object({
    id: accountIdSchema,
    name: accountNameSchema,
    regions: accountRegionsSchema,
    roleArn: z.preprocess(blankToUndefined, roleArnSchema.optional()),
    externalId: z.preprocess(blankToUndefined, externalIdSchema.optional()),
    profile: z.preprocess(blankToUndefined, profileSchema.optional()),
    isLogsInsightsEnabled: z.boolean({ error: "Must be true or false" }).default(false),
    isCostExplorerEnabled: z.boolean({ error: "Must be true or false" }).default(true),
  })
  .refine((body) => body.externalId === undefined || body.roleArn !== undefined, {
    error: EXTERNAL_ID_NEEDS_ROLE,
    path: ["externalId"],
  });
export type CreateAccountBody = z.infer<typeof createAccountBodySchema>;

/**
 * Every field optional; null (or "") clears roleArn, externalId and profile. Whether an ExternalId
 * is left without a role depends on what is stored, so the DAL checks that on the merged account.
 */
export const updateAccountBodySchema = z
  .object({
    name: accountNameSchema.optional(),
    regions: accountRegionsSchema.optional(),
    roleArn: z.preprocess(blankToNull, roleArnSchema.nullable().optional()),
    externalId: z.preprocess(blankToNull, externalIdSchema.nullable().optional()),
    profile: z.preprocess(blankToNull, profileSchema.nullable().optional()),
    isLogsInsightsEnabled: z.boolean({ error: "Must be true or false" }).optional(),
    isCostExplorerEnabled: z.boolean({ error: "Must be true or false" }).optional(),
  })
  .refine((body) => !(typeof body.externalId === "string" && body.roleArn === null), {
    error: EXTERNAL_ID_NEEDS_ROLE,
    path: ["externalId"],
  });
export type UpdateAccountBody = z.infer<typeof updateAccountBodySchema>;

/** Query of DELETE /api/accounts/[accountId]: a stray request must not wipe an account. */
export const deleteAccountQuerySchema = z.object({
  confirm: z.literal("yes", {
    error: "Add ?confirm=yes: removing an account deletes everything synced from it",
  }),
});

// ---------------------------------------------------------------------------------------------
// Responses

/** An account as lists show it (no ExternalId: `hasExternalId` says whether one is set). */
export const accountViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Enabled regions, sorted. */
  regions: z.array(z.string()),
  roleArn: z.string().nullable(),
  hasExternalId: z.boolean(),
  profile: z.string().nullable(),
  isLogsInsightsEnabled: z.boolean(),
  isCostExplorerEnabled: z.boolean(),
  /**
   * What Breakeven itself spent on Cost Explorer for the account this UTC month: requests counted
   * by its sync runs (throttled attempts included, though AWS bills only answered ones) at $0.01.
   */
  costExplorerThisMonth: z.object({ requests: z.number().int(), costUsd: z.number() }),
  /** Functions and services synced from the account and not deleted since. */
  functionCount: z.number().int(),
  serviceCount: z.number().int(),
  /** Newest first, up to 5; the first is the last sync. */
  recentRuns: z.array(syncRunSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type AccountView = z.infer<typeof accountViewSchema>;

/** One account for its edit form: the list view plus the ExternalId. */
export const accountDetailSchema = accountViewSchema.extend({ externalId: z.string().nullable() });
export type AccountDetail = z.infer<typeof accountDetailSchema>;

export const accountListSchema = z.object({ accounts: z.array(accountViewSchema) });
export type AccountList = z.infer<typeof accountListSchema>;

export const PERMISSION_CHECK_STATUSES = ["ok", "missing", "error", "skipped"] as const;

export const permissionCheckSchema = z.object({
  api: z.string(),
  action: z.string(),
  status: z.enum(PERMISSION_CHECK_STATUSES),
  code: z.string().nullable(),
  message: z.string().nullable(),
});
export type PermissionCheckView = z.infer<typeof permissionCheckSchema>;

/** POST /api/accounts/[accountId]/test (lib/sync/test-connection.ts). Messages are already safe. */
export const connectionTestResultSchema = z.object({
  identity: z.object({ accountId: z.string(), arn: z.string() }).nullable(),
  isAccountMatching: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  regions: z.array(
    z.object({
      region: z.string(),
      checks: z.array(permissionCheckSchema),
      functions: z.number().nullable(),
      services: z.number().nullable(),
    }),
  ),
  estimate: z
    .object({
      calls: z.number(),
      metricsRequested: z.number(),
      costExplorerRequests: z.number(),
      estimatedCostUsd: z.number(),
    })
    .nullable(),
});
export type ConnectionTestResultView = z.infer<typeof connectionTestResultSchema>;
