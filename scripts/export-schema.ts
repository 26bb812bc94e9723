/**
 * `npx tsx scripts/export-schema.ts`: writes the JSON Schema of the recommendations export
 * (docs/recommendations-export.schema.json) from its zod schema (lib/schemas/recommendation.ts),
 * formatted as Prettier formats it, so `npm run format:check` passes. Run it after changing the
 * schema; lib/schemas/recommendation.test.ts fails while the file and the code differ.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { format, resolveConfig } from "prettier";
import {
  RECOMMENDATION_EXPORT_JSON_SCHEMA_PATH,
  toRecommendationExportJsonSchema,
} from "@/lib/schemas/recommendation";

const ROOT = path.resolve(import.meta.dirname, "..");
const file = path.join(ROOT, RECOMMENDATION_EXPORT_JSON_SCHEMA_PATH);
const text = await format(JSON.stringify(toRecommendationExportJsonSchema(), null, 2), {
  ...(await resolveConfig(file)),
  filepath: file,
});
writeFileSync(file, text);
process.stdout.write(`wrote ${RECOMMENDATION_EXPORT_JSON_SCHEMA_PATH}\n`);
