"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Label, Textarea } from "@/components/ui/field";
import { MAX_DISMISS_REASON_LENGTH } from "@/lib/recommend/review";
import type { RecommendationStatus, StatusChangeBody } from "@/lib/schemas/recommendation-list";
import {
  ACTION_LABELS,
  ACTION_TARGETS,
  listReviewActions,
  STATUS_LABELS,
  type ReviewAction,
} from "./recommendation-view";
import { useAnnounce } from "./review-announcer";
import { changeRecommendationStatusRequest } from "./review-requests";

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The review buttons of one recommendation: Accept, Dismiss (asks for a reason in a small inline
 * form), Reopen and Mark done (accepted items only). After a change the server data is read again
 * (router.refresh keeps the URL, so filters, sort and page stay).
 */
export function ReviewControls({
  recommendationId,
  status,
  resourceName,
}: {
  recommendationId: number;
  status: RecommendationStatus;
  /** Names the buttons for screen readers: every row has an "Accept". */
  resourceName: string;
}) {
  const router = useRouter();
  const announce = useAnnounce();
  const [isRefreshing, startTransition] = useTransition();
  const [isDismissing, setIsDismissing] = useState(false);
  const [reason, setReason] = useState("");
  const reasonId = useId();
  const counterId = useId();

  const change = useMutation({
    mutationFn: (body: StatusChangeBody) => changeRecommendationStatusRequest(recommendationId, body),
    onSuccess: (answer) => {
      setIsDismissing(false);
      setReason("");
      announce(`${resourceName}: ${STATUS_LABELS[answer.item.status].toLowerCase()}.`);
      startTransition(() => router.refresh());
    },
  });
  const isBusy = change.isPending || isRefreshing;

  function run(action: ReviewAction) {
    if (action === "dismiss") {
      change.reset();
      setIsDismissing(true);
      return;
    }
    change.mutate({ status: ACTION_TARGETS[action] });
  }

  function onDismiss(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = reason.trim();
    if (trimmed === "") return;
    change.mutate({ status: "dismissed", reason: trimmed });
  }

  return (
    <div className="mt-1.5 space-y-2" aria-busy={isBusy}>
      {isDismissing ? null : (
        // One line from lg (the column takes their width); narrower screens stack them.
        <div className="flex flex-wrap gap-1.5 lg:flex-nowrap">
          {listReviewActions(status).map((action) => (
            <Button
              key={action}
              size="sm"
              variant={action === "accept" || action === "done" ? "primary" : "secondary"}
              onClick={() => run(action)}
              disabled={isBusy}
              aria-label={`${ACTION_LABELS[action]}: ${resourceName}`}
            >
              {ACTION_LABELS[action]}
            </Button>
          ))}
        </div>
      )}
      {isDismissing ? (
        <form
          onSubmit={onDismiss}
          aria-label={`Dismiss ${resourceName}`}
          className="w-44 max-w-full space-y-1.5 whitespace-normal lg:w-56"
        >
          <Label htmlFor={reasonId}>Why is it dismissed?</Label>
          <Textarea
            id={reasonId}
            name="reason"
            required
            maxLength={MAX_DISMISS_REASON_LENGTH}
            rows={3}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            aria-describedby={counterId}
            // The form opens on a click of "Dismiss": the reason is what comes next.
            autoFocus
            placeholder="e.g. needs the x86 layer until Q3"
            className="w-full"
          />
          <p id={counterId} className="tabular text-xs text-gray-500 dark:text-gray-400">
            Required; {reason.length}/{MAX_DISMISS_REASON_LENGTH} characters.
          </p>
          <div className="flex flex-wrap gap-1.5">
            <Button type="submit" size="sm" variant="danger" disabled={isBusy || reason.trim() === ""}>
              {isBusy ? "Dismissing…" : "Dismiss"}
            </Button>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => {
                setIsDismissing(false);
                change.reset();
              }}
              disabled={change.isPending}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      {change.isError ? (
        <p
          role="alert"
          className="w-44 max-w-full whitespace-normal text-xs lg:w-56 text-red-700 dark:text-red-300"
        >
          Could not change the status ({errorText(change.error)}).
        </p>
      ) : null}
    </div>
  );
}
