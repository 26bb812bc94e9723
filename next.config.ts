import type { NextConfig } from "next";
import { BASE_SECURITY_HEADERS } from "./lib/auth/policy";
import { getServerEnv } from "./lib/env";

// Fail the build on a bad environment instead of at the first request (t3 style).
getServerEnv();

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // Lets several builds of one checkout coexist (parallel e2e runs, benchmarks); default .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and wasm database drivers stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  typedRoutes: false,
  poweredByHeader: false,
  // Static files skip proxy.ts, so the headers every response needs are also set here.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(BASE_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default nextConfig;
