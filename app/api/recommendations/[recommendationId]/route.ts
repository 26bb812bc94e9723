import { NextResponse } from "next/server";
import { z } from "zod";
import { getRequestActor } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { getRecommendationEvents, getRecommendationItem } from "@/lib/db/queries/recommendation-list";
import { changeRecommendationStatus } from "@/lib/db/queries/recommendation-store";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/request-guards";
import { withRoute } from "@/lib/http/with-route";
import { MAX_STATUS_CHANGE_BYTES, statusChangeSchema } from "@/lib/schemas/recommendation-list";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ recommendationId: string }> };

const idSchema = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

async function readId(params: Context["params"]): Promise<number> {
  const parsed = idSchema.safeParse((await params).recommendationId);
  if (!parsed.success) throw new AppError("NOT_FOUND", "No recommendation with this id");
  return parsed.data;
}

/** One recommendation with its status history (newest first). */
export const GET = withRoute(async (_request, { params }: Context) => {
  const id = await readId(params);
  const db = getDb();
  const [item, events] = await Promise.all([
    getRecommendationItem(id, db),
    getRecommendationEvents([id], db),
  ]);
  if (!item) throw new AppError("NOT_FOUND", "No recommendation with this id");
  return NextResponse.json({ item, events: events.get(id) ?? [] });
});

/**
 * `{ "status": "open" | "accepted" | "dismissed" | "done", "reason"?: string }` (a reason is
 * required to dismiss). 409 for a change the review rules refuse (done before accepted, the same
 * status again); the change is recorded with who made it.
 */
export const PATCH = withRoute(async (request, { params }: Context) => {
  const id = await readId(params);
  const body = statusChangeSchema.parse(await readJsonBody(request, MAX_STATUS_CHANGE_BYTES));
  const actor = await getRequestActor();
  return NextResponse.json(await changeRecommendationStatus(id, body, actor, getDb()));
});
