import Link from "next/link";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { buttonClassName } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import {
  CONFIDENCE_LABELS,
  describeAdvice,
  sortRecommendations,
  toEvidenceHref,
  toNoAdviceView,
  toSavingView,
  type NoAdviceView,
  type SavingView,
} from "@/lib/charts/recommendation-view";
import type { Confidence, Recommendation, ResourceAdvice } from "@/lib/recommend/types";
import type { RecommendationItem } from "@/lib/schemas/recommendation-list";
import { StatusBadge } from "@/components/recommendations/status-badge";

/** What the team decided about a stored recommendation (by its key, `${kind}:${resourceArn}`). */
export type RecommendationReview = Pick<RecommendationItem, "status" | "dismissReason" | "statusChangedAt">;

export type RecommendationCardProps = {
  advice: ResourceAdvice;
  /** The what-if page preloaded with this resource; null hides the button. */
  whatIfHref: string | null;
  /** Review state of the stored recommendations of this resource, by key. */
  reviews?: Readonly<Record<string, RecommendationReview>>;
  /** The recommendations page filtered to this resource, where each item is reviewed. */
  reviewHref?: string;
};

const CONFIDENCE_VARIANTS: Record<Confidence, BadgeVariant> = {
  high: "info",
  medium: "neutral",
  low: "demo",
};

const SAVING_CLASSES: Record<SavingView["tone"], string> = {
  saving: "font-semibold text-green-700 dark:text-green-400",
  cost: "font-semibold text-red-700 dark:text-red-400",
  none: "font-medium text-gray-700 dark:text-gray-300",
  unknown: "italic text-gray-500 dark:text-gray-400",
};

const NO_ADVICE_CLASSES: Record<NoAdviceView["tone"], string> = {
  good: "border-green-200 bg-green-50 text-green-900 dark:border-green-900 dark:bg-green-950 dark:text-green-200",
  muted:
    "border-gray-200 bg-gray-50 text-gray-700 dark:border-gray-700 dark:bg-gray-800/60 dark:text-gray-300",
  neutral: "border-gray-200 bg-white text-gray-800 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-200",
};

function ReviewLine({ review, reviewHref }: { review: RecommendationReview; reviewHref?: string }) {
  return (
    <p className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-gray-600 dark:text-gray-400">
      <StatusBadge status={review.status} />
      {review.status === "dismissed" && review.dismissReason ? (
        <span className="min-w-0 break-words">{review.dismissReason}</span>
      ) : null}
      {reviewHref ? (
        <Link
          href={reviewHref}
          className="whitespace-nowrap text-blue-700 hover:underline dark:text-blue-400"
        >
          Review
        </Link>
      ) : null}
    </p>
  );
}

function RecommendationEntry({
  rec,
  review,
  reviewHref,
}: {
  rec: Recommendation;
  review: RecommendationReview | undefined;
  reviewHref?: string;
}) {
  const saving = toSavingView(rec);
  const hasDetails = rec.assumptions.length > 0 || rec.risks.length > 0;
  return (
    <li className="pt-4 first:pt-0">
      <article>
        <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
          <h3 className="min-w-0 flex-1 basis-60 text-sm font-semibold text-gray-900 dark:text-gray-100">
            {rec.summary}
          </h3>
          <Badge variant={CONFIDENCE_VARIANTS[rec.confidence]}>{CONFIDENCE_LABELS[rec.confidence]}</Badge>
        </div>
        <p className="mt-1.5 flex flex-wrap items-baseline gap-x-1.5 text-sm text-gray-700 dark:text-gray-300">
          <span className="sr-only">From</span>
          <span>{rec.currentConfig}</span>
          <span aria-hidden className="text-gray-400">
            →
          </span>
          <span className="sr-only">to</span>
          <span className="font-medium text-gray-900 dark:text-gray-100">{rec.proposedConfig}</span>
        </p>
        <p className={cn("tabular mt-1 text-sm", SAVING_CLASSES[saving.tone])}>{saving.label}</p>
        {review ? <ReviewLine review={review} reviewHref={reviewHref} /> : null}
        {rec.evidence.length > 0 ? (
          <dl className="mt-2 grid grid-cols-1 gap-x-3 gap-y-0.5 text-xs sm:grid-cols-[max-content_minmax(0,1fr)] sm:gap-y-1">
            {rec.evidence.map((item) => {
              const href = toEvidenceHref(item);
              return (
                <div key={`${item.label}:${item.value}`} className="contents">
                  <dt className="text-gray-500 dark:text-gray-400">{item.label}</dt>
                  <dd className="min-w-0 break-words text-gray-900 dark:text-gray-100">
                    {item.value}
                    {href ? (
                      <>
                        {" "}
                        <a
                          href={href}
                          className="whitespace-nowrap text-blue-700 hover:underline dark:text-blue-400"
                        >
                          see chart
                        </a>
                      </>
                    ) : null}
                  </dd>
                </div>
              );
            })}
          </dl>
        ) : null}
        {hasDetails ? (
          <details className="mt-2 text-xs">
            <summary className="cursor-pointer select-none text-gray-600 hover:text-gray-900 dark:text-gray-400 dark:hover:text-gray-100">
              Assumptions and risks
            </summary>
            <div className="mt-2 space-y-2 text-gray-700 dark:text-gray-300">
              {rec.assumptions.length > 0 ? (
                <div>
                  <p className="font-medium text-gray-900 dark:text-gray-100">Assumptions</p>
                  <ul className="mt-0.5 list-disc space-y-0.5 pl-4">
                    {rec.assumptions.map((text) => (
                      <li key={text}>{text}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {rec.risks.length > 0 ? (
                <div>
                  <p className="font-medium text-gray-900 dark:text-gray-100">Risks</p>
                  <ul className="mt-0.5 list-disc space-y-0.5 pl-4">
                    {rec.risks.map((text) => (
                      <li key={text}>{text}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </div>
          </details>
        ) : null}
      </article>
    </li>
  );
}

function NoAdviceBlock({ view }: { view: NoAdviceView }) {
  return (
    <div className={cn("rounded-md border p-3 text-sm", NO_ADVICE_CLASSES[view.tone])}>
      <p className="font-semibold">{view.title}</p>
      <p className="mt-0.5">{view.reason}</p>
    </div>
  );
}

/**
 * What to change on this function or service, opening its page: each recommendation (largest
 * saving first) with current → proposed, the monthly saving ("saving unknown" when it cannot be
 * priced), a confidence badge, the evidence (linked to the page's charts) and, folded, the
 * assumptions and risks. Without recommendations it says why (right-sized, insufficient data, not
 * applicable). With `reviews`, each item also shows what the team decided about it (open,
 * accepted, dismissed with its reason, done) and links to where it is reviewed. Server-compatible:
 * no client state.
 */
export function RecommendationCard({ advice, whatIfHref, reviews, reviewHref }: RecommendationCardProps) {
  const recommendations = sortRecommendations(advice.recommendations);
  return (
    <Card aria-labelledby="recommendations-heading">
      <CardHeader
        id="recommendations-heading"
        title="Recommendations"
        headingLevel={2}
        description={describeAdvice(advice) ?? undefined}
        actions={
          whatIfHref ? (
            <Link href={whatIfHref} className={buttonClassName("secondary", "sm")}>
              Open in what-if
            </Link>
          ) : null
        }
      />
      <CardContent>
        {recommendations.length > 0 ? (
          <ol className="divide-y divide-gray-100 dark:divide-gray-800 [&>li+li]:mt-4">
            {recommendations.map((rec) => (
              <RecommendationEntry
                key={rec.id}
                rec={rec}
                review={reviews?.[rec.id]}
                reviewHref={reviewHref}
              />
            ))}
          </ol>
        ) : (
          <NoAdviceBlock view={toNoAdviceView(advice.noAdvice)} />
        )}
      </CardContent>
    </Card>
  );
}
