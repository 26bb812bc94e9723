/**
 * Which database a URL points at. Shared by the app's Prisma client and the migration script,
 * so the two can never disagree. Pure: no imports, safe anywhere.
 */
export type DatabaseKind = "sqlite" | "postgresql";

export const DEFAULT_DATABASE_URL = "file:./data/breakeven.db";

export function toDatabaseKind(url: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (/^file:/i.test(url)) return "sqlite";
  throw new Error("DATABASE_URL must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL)");
}

/** Removes the password from a URL so it can be shown in logs and errors. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@/]*@/, "$1:***@");
}
