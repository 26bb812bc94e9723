import { z } from "zod";
import { DEFAULT_DATABASE_URL, toDatabaseKind } from "./db/url";

/**
 * The only module that reads process.env. Everything here is server-side: Breakeven has no
 * NEXT_PUBLIC_ variables, and AWS credentials never pass through it (the SDK's default provider
 * chain reads them itself).
 */
const serverEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .default(DEFAULT_DATABASE_URL)
    .refine((url) => {
      try {
        toDatabaseKind(url);
        return true;
      } catch {
        return false;
      }
    }, "must start with file: (SQLite) or postgres:// (PostgreSQL)"),
  /** Region whose prices the what-if page opens with. */
  BREAKEVEN_DEFAULT_REGION: z.string().trim().default("us-east-1"),
  /** AWS profile for sync and price refresh; unset means the default provider chain. */
  AWS_PROFILE: z.string().trim().optional(),
  /**
   * Optional in-app daily sync: "HH:MM" (UTC). The server then starts a sync of every configured
   * account once a day at that time (each in its own process). Unset: no schedule (use cron).
   */
  BREAKEVEN_DAILY_SYNC_UTC: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (UTC), e.g. 03:15")
    .optional(),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

let cached: ServerEnv | undefined;

export function getServerEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = serverEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}
