/**
 * The recommendations export schema: the committed JSON Schema file is what the zod schema
 * generates (so the documented contract cannot drift from the code), and the export's filter
 * accepts exactly the statuses the app's filter does.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  EXPORT_STATUS_FILTERS,
  RECOMMENDATION_EXPORT_JSON_SCHEMA_PATH,
  RECOMMENDATION_EXPORT_VERSION,
  toRecommendationExportJsonSchema,
} from "./recommendation";
import { STATUS_FILTERS } from "./recommendation-list";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

describe("recommendations export schema", () => {
  it(`${RECOMMENDATION_EXPORT_JSON_SCHEMA_PATH} is what the zod schema generates`, () => {
    const committed: unknown = JSON.parse(
      readFileSync(path.join(ROOT, RECOMMENDATION_EXPORT_JSON_SCHEMA_PATH), "utf8"),
    );
    expect(
      committed,
      `${RECOMMENDATION_EXPORT_JSON_SCHEMA_PATH} is out of date: run \`npx tsx scripts/export-schema.ts\``,
    ).toEqual(toRecommendationExportJsonSchema());
  });

  it("names its version, and objects accept fields a later version 2 adds", () => {
    const schema = toRecommendationExportJsonSchema() as {
      $schema: string;
      properties: { version: { const: number } };
      additionalProperties?: unknown;
    };
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.properties.version.const).toBe(RECOMMENDATION_EXPORT_VERSION);
    expect(schema.additionalProperties).toBeUndefined();
  });

  it("filters by the app's statuses", () => {
    expect(EXPORT_STATUS_FILTERS).toEqual(STATUS_FILTERS);
  });
});
