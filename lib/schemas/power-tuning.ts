import { z } from "zod";

/**
 * The body of `POST /api/functions/:id/power-tuning`: the pasted or uploaded Power Tuning output,
 * DescribeExecution record or visualization URL, as text inside JSON (mutations are JSON only,
 * docs/security.md). The route caps the body at 256 KB.
 */
export const powerTuningImportBodySchema = z.object({ text: z.string() }).strict();
