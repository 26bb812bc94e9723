/**
 * Hostile text for the export tests, planted in the e2e demo database by scripts/e2e-prepare.ts:
 * one demo function with recommendations gets a name and tags a spreadsheet would run as formulas,
 * and the stored recommendations are recomputed so they carry them. The shipped demo stays clean;
 * AWS itself forbids these characters in function names, but names and tags reach Breakeven from
 * accounts and people it does not control.
 */
import type { Db } from "@/lib/db/create-db";
import { refreshRecommendations } from "@/lib/db/queries/recommendation-store";

export const HOSTILE_FUNCTION_ARN = "arn:aws:lambda:us-east-1:314159265358:function:video-probe";
export const HOSTILE_NAME = '=HYPERLINK("x")';
export const HOSTILE_TAGS = { owner: "@SUM(1+1)", "cost-center": "-2+3", note: "+cmd" } as const;

export async function plantHostileNames(db: Db): Promise<void> {
  const fn = await db.lambdaFunction.findUniqueOrThrow({ where: { arn: HOSTILE_FUNCTION_ARN } });
  const tags = { ...(JSON.parse(fn.tagsJson) as Record<string, string>), ...HOSTILE_TAGS };
  await db.lambdaFunction.update({
    where: { arn: HOSTILE_FUNCTION_ARN },
    data: { name: HOSTILE_NAME, tagsJson: JSON.stringify(tags) },
  });
  const { items } = await refreshRecommendations(db);
  const planted = await db.recommendation.count({ where: { resourceName: HOSTILE_NAME } });
  if (planted === 0) throw new Error(`no recommendation carries ${HOSTILE_NAME} (of ${items})`);
}
