import "server-only";
import { getServerEnv } from "@/lib/env";
import { toSecuritySettings, type SecuritySettings } from "./settings";

let cached: SecuritySettings | undefined;

/** This server's security settings, from the environment (validated by lib/env.ts). */
export function getSecuritySettings(): SecuritySettings {
  cached ??= toSecuritySettings(getServerEnv());
  return cached;
}
