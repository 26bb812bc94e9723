/**
 * Lambda's configuration limits: the one definition, with no imports, so a form, a URL schema or
 * the CLI can read them without loading a price book. lambda.ts re-exports them.
 * Sources: the Lambda developer guide (configuration-memory, quotas) and the INIT billing note
 * (docs/aws-facts.md §1.5, §1.6), checked 2026-11-01.
 */
export const LAMBDA_MIN_MEMORY_MB = 128;
export const LAMBDA_MAX_MEMORY_MB = 10_240;
/** Memory can be set in any 1 MB step inside the range. */
export const LAMBDA_MEMORY_STEP_MB = 1;
export const LAMBDA_FREE_EPHEMERAL_STORAGE_MB = 512;
export const LAMBDA_MAX_EPHEMERAL_STORAGE_MB = 10_240;
/** The 15-minute timeout. */
export const LAMBDA_MAX_DURATION_MS = 900_000;
/** The INIT phase is capped at 10 s (AWS Compute Blog, INIT billing, 2025). */
export const LAMBDA_MAX_INIT_DURATION_MS = 10_000;
