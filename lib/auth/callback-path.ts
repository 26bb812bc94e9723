/**
 * Where to go after signing in: a path on this site only. Anything else (another origin,
 * "//evil.example", "/\\evil.example", a missing value) becomes "/" so the login page cannot be
 * used as an open redirect.
 */
export function toSafeCallbackPath(value: unknown): string {
  if (typeof value !== "string") return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f]/.test(value)) return "/";
  return value;
}
