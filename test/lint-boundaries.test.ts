/**
 * The layer rules of ARCHITECTURE.md hold for every import form: an `@/` alias, a relative path that
 * walks out of the folder, `export … from` and `import()`. Lints snippets in memory with the repo's
 * own eslint.config.mjs; the files need not exist, only the modules they import.
 */
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const BOUNDARY_RULES = new Set(["import/no-restricted-paths", "no-restricted-imports"]);

let eslint: ESLint;

beforeAll(async () => {
  // The repo's real config, running only the boundary rules so each lint takes milliseconds.
  eslint = new ESLint({ cwd: ROOT, ruleFilter: ({ ruleId }) => BOUNDARY_RULES.has(ruleId) });
  // Loading the config and its plugins takes seconds on a busy machine: do it here, under hookTimeout.
  await eslint.lintText("export {};\n", { filePath: path.join(ROOT, "lib/pricing/x.ts") });
});

/** The boundary violations ESLint reports for `code` saved as `file` (relative to the repo root). */
async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  expect(result, `${file} was not linted`).toBeDefined();
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, `${file} did not parse`).toEqual([]);
  return result!.messages.filter((m) => m.ruleId && BOUNDARY_RULES.has(m.ruleId)).map((m) => m.message);
}

describe("layer boundaries", () => {
  describe("lib/pricing imports only itself", () => {
    it.each([
      ["a relative path into lib/db", 'import "../db/client";\n'],
      ["an alias into lib/db", 'import "@/lib/db/client";\n'],
      ["a type-only import", 'import type { Db } from "../db/client";\n\nexport type X = Db;\n'],
      ["an export … from", 'export { getDb } from "../db/client";\n'],
      ["a dynamic import()", 'export const load = () => import("../db/client");\n'],
      ["lib/aws", 'import "../aws/pricing-api";\n'],
      ["lib/recommend", 'import "../recommend";\n'],
      ["lib/env", 'import "../env";\n'],
      ["lib/format", 'import "@/lib/format";\n'],
    ])("rejects %s", async (_name, code) => {
      expect(await violations("lib/pricing/x.ts", code)).toEqual([
        expect.stringContaining("lib/pricing is pure"),
      ]);
    });

    it.each([
      ["react", 'import "react";\n'],
      ["node:*", 'import "node:fs";\n'],
      ["@prisma/*", 'import "@prisma/client";\n'],
    ])("rejects the package %s", async (_name, code) => {
      expect(await violations("lib/pricing/x.ts", code)).toHaveLength(1);
    });

    it("accepts its own modules", async () => {
      const code =
        'import { MB_PER_GB } from "./units";\nimport "@/lib/pricing/types";\n\nexport const x = MB_PER_GB;\n';
      expect(await violations("lib/pricing/x.ts", code)).toEqual([]);
    });
  });

  describe("lib/recommend imports lib/pricing, lib/format and itself", () => {
    it("accepts them", async () => {
      const code =
        'import "@/lib/pricing";\nimport "../pricing/units";\nimport "@/lib/format";\nimport "./types";\n';
      expect(await violations("lib/recommend/x.ts", code)).toEqual([]);
    });

    it.each([
      ["lib/db", 'import "../db/queries/recommendations";\n'],
      ["lib/aws", 'import "@/lib/aws/pricing-api";\n'],
      ["lib/charts", 'import "../charts/series";\n'],
      ["lib/env", 'import "@/lib/env";\n'],
    ])("rejects %s", async (_name, code) => {
      expect(await violations("lib/recommend/x.ts", code)).toEqual([
        expect.stringContaining("lib/recommend is pure"),
      ]);
    });

    it("rejects next and node:*", async () => {
      expect(
        await violations("lib/recommend/x.ts", 'import "next/server";\nimport "node:os";\n'),
      ).toHaveLength(2);
    });
  });

  describe("components, lib/queries, lib/schemas and lib/charts never reach lib/db or lib/aws", () => {
    it.each([
      ["components/fleet/x.tsx", 'import "../../lib/db/client";\n'],
      ["components/x.tsx", 'import "../lib/db/queries/functions";\n'],
      ["components/ui/x.tsx", 'import "@/lib/aws/pricing-api";\n'],
      ["lib/queries/x.ts", 'import "../db/client";\n'],
      ["lib/schemas/x.ts", 'export * from "../aws/map-price-list";\n'],
      ["lib/charts/x.ts", 'import type { Db } from "@/lib/db/client";\n\nexport type X = Db;\n'],
    ])("rejects %s → %s", async (file, code) => {
      expect(await violations(file, code)).toHaveLength(1);
    });

    it("accepts lib/pricing, lib/format, lib/charts and each other", async () => {
      const code =
        'import "@/lib/pricing";\nimport "../../lib/format";\nimport "@/lib/charts/series";\nimport "../ui/button";\n';
      expect(await violations("components/fleet/x.tsx", code)).toEqual([]);
    });
  });

  describe("lib/db", () => {
    it.each([
      ["an alias into lib/aws", 'import "@/lib/aws/pricing-api";\n'],
      ["a relative path into lib/aws", 'import "../../aws/pricing-api";\n'],
      ["components", 'import "@/components/ui/button";\n'],
      ["lib/queries", 'import "../../queries/fetch-json";\n'],
      ["lib/charts", 'import "@/lib/charts/sparkline";\n'],
      ["lib/charts by a relative path", 'import "../../charts/cost-series";\n'],
    ])("rejects %s", async (_name, code) => {
      expect(await violations("lib/db/queries/x.ts", code)).toEqual([
        expect.stringContaining("lib/db must not"),
      ]);
    });

    it("accepts lib/recommend and itself", async () => {
      const code = 'import "@/lib/recommend";\nimport "./fleet-status";\nimport "../client";\n';
      expect(await violations("lib/db/queries/x.ts", code)).toEqual([]);
    });

    it("accepts the shared time and range helpers and lib/pricing", async () => {
      const code = 'import "@/lib/time";\nimport "../../range";\nimport "@/lib/pricing/init-estimate";\n';
      expect(await violations("lib/db/queries/functions.ts", code)).toEqual([]);
    });
  });

  describe("lib/aws", () => {
    it.each([
      ["lib/db", 'import "../db/client";\n'],
      ["app", 'import "@/app/layout";\n'],
      ["components", 'import "../../components/ui/button";\n'],
    ])("rejects %s", async (_name, code) => {
      expect(await violations("lib/aws/x.ts", code)).toEqual([expect.stringContaining("lib/aws must not")]);
    });

    it("accepts lib/pricing", async () => {
      expect(await violations("lib/aws/x.ts", 'import "@/lib/pricing/price-book";\n')).toEqual([]);
    });
  });

  it("app reaches the database through lib/db/queries, never the generated client or @prisma", async () => {
    expect(await violations("app/x.ts", 'import "@/lib/db/queries/overview";\n')).toEqual([]);
    expect(await violations("app/x.ts", 'import "@/lib/db/generated/sqlite/client";\n')).toEqual([
      expect.stringContaining("Only lib/db talks to the database"),
    ]);
    expect(await violations("app/x.ts", 'import "@prisma/client";\n')).toHaveLength(1);
  });
});
