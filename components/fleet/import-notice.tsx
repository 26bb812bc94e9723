import Link from "next/link";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { LoadDemoButton } from "./load-demo-button";

/**
 * Says when the figures on a fleet page are incomplete or moving: the latest import of a scope (the
 * demo, or an account's sync) failed, was interrupted or left pieces out, or is still running. An
 * interrupted load leaves half a fleet in the tables ("Fargate $0.00"); without this it would look
 * like a real, complete bill.
 */

/** What the notice needs of one import scope (the shape getImportHealth returns; ISO dates). */
export type ImportNoticeScope = {
  scope: string;
  kind: "demo" | "aws";
  accountId: string | null;
  accountName: string | null;
  latestRun: {
    status: "running" | "interrupted" | "succeeded" | "partial" | "failed";
    startedAt: string;
    finishedAt: string | null;
    issueCount: number;
    issueSummary: string | null;
    error: string | null;
  } | null;
  lastSucceededAt: string | null;
};

type Tone = "danger" | "warning" | "info";

export type ImportNoticeContent = {
  tone: Tone;
  badge: string;
  text: string;
  /** Where to retry: the account on the Accounts page, or the demo load button. */
  retry: { kind: "account"; href: string } | { kind: "demo" } | null;
};

/** Alerts shown in full; more are counted (a fleet of many broken accounts should not push the page down). */
const MAX_NOTICES = 3;

/** A run's error is whatever its exception said (a Prisma error can run to lines); the Accounts page has it in full. */
const MAX_ERROR_CHARS = 200;

function shortenError(error: string): string {
  const oneLine = error.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_ERROR_CHARS ? `${oneLine.slice(0, MAX_ERROR_CHARS - 1)}…` : oneLine;
}

/** "2026-11-21 09:02 UTC": imports are compared across machines, so always UTC. */
function formatUtcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The end time, without the date when it is the start's day ("22:11 UTC"). */
function formatEnd(startIso: string, endIso: string): string {
  return startIso.slice(0, 10) === endIso.slice(0, 10)
    ? `${endIso.slice(11, 16)} UTC`
    : formatUtcMinute(endIso);
}

function describeImport(scope: ImportNoticeScope): string {
  if (scope.kind === "demo") return "The demo load";
  const name = scope.accountName ?? "the account";
  return `The sync of ${name}${scope.accountId ? ` (${scope.accountId})` : ""}`;
}

function describeLastComplete(scope: ImportNoticeScope): string {
  if (scope.kind === "demo") {
    // Every demo load deletes the previous demo fleet first: an older complete load is gone.
    return scope.lastSucceededAt
      ? `The last complete demo load (${formatUtcMinute(scope.lastSucceededAt)}) was replaced when this one started.`
      : "No demo load has completed.";
  }
  return `Last complete sync: ${scope.lastSucceededAt ? formatUtcMinute(scope.lastSucceededAt) : "never"}.`;
}

/** The notice of one scope; null when its latest import is complete (or it has none). */
export function toImportNoticeContent(scope: ImportNoticeScope): ImportNoticeContent | null {
  const run = scope.latestRun;
  if (!run || run.status === "succeeded") return null;
  const what = describeImport(scope);
  const started = formatUtcMinute(run.startedAt);
  const ended = run.finishedAt ? ` at ${formatEnd(run.startedAt, run.finishedAt)}` : "";
  const retry: ImportNoticeContent["retry"] =
    scope.kind === "demo"
      ? { kind: "demo" }
      : scope.accountId
        ? { kind: "account", href: `/accounts#account-${scope.accountId}-name` }
        : null;
  switch (run.status) {
    case "running":
      return {
        tone: "info",
        badge: "Import running",
        text: `An import is running (${what.replace(/^The /, "the ")}, started ${started}); figures may change.`,
        retry: null,
      };
    case "interrupted":
      return {
        tone: "danger",
        badge: "Incomplete data",
        text: `${what} started ${started} was interrupted${ended}: the data below is incomplete. ${describeLastComplete(scope)}`,
        retry,
      };
    case "failed":
      return {
        tone: "danger",
        badge: "Incomplete data",
        text: `${what} started ${started} failed${ended}${run.error ? ` (${shortenError(run.error)})` : ""}: the data below is incomplete. ${describeLastComplete(scope)}`,
        retry,
      };
    case "partial": {
      const pieces = run.issueCount === 1 ? "1 piece" : `${run.issueCount} pieces`;
      return {
        tone: "warning",
        badge: "Partial data",
        text: `${what} started ${started} finished${ended} with ${pieces} missing${run.issueSummary ? `: ${run.issueSummary}` : ""}. Figures that depend on them are incomplete. ${describeLastComplete(scope)}`,
        retry,
      };
    }
  }
}

const TONE_CLASSES: Record<Tone, string> = {
  danger: "border-red-300 bg-red-50 text-red-950 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100",
  warning:
    "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100",
  info: "border-blue-200 bg-blue-50 text-blue-950 dark:border-blue-900 dark:bg-blue-950/50 dark:text-blue-100",
};

const TONE_BADGES: Record<Tone, BadgeVariant> = { danger: "danger", warning: "demo", info: "info" };

/**
 * One alert per scope whose data is incomplete or moving. A failure is role="alert" (it changes
 * what every figure means); a partial run or a running import is role="status".
 */
export function ImportNotice({
  scopes,
  canLoadDemo,
  canSyncAccounts,
}: {
  scopes: readonly ImportNoticeScope[];
  /** Offer the demo load button as the retry (false where the page shows one already, or for a viewer). */
  canLoadDemo: boolean;
  /**
   * The role may sync these accounts (an admin): the link offers a retry. A viewer's link only says
   * where the details are.
   */
  canSyncAccounts: boolean;
}) {
  const notices = scopes.flatMap((scope) => {
    const content = toImportNoticeContent(scope);
    return content ? [{ scope: scope.scope, content }] : [];
  });
  if (notices.length === 0) return null;
  const shown = notices.slice(0, MAX_NOTICES);
  const hiddenCount = notices.length - shown.length;
  return (
    <div className="mb-6 flex flex-col gap-3" data-testid="import-notices">
      {shown.map(({ scope, content }) => (
        <div
          key={scope}
          role={content.tone === "danger" ? "alert" : "status"}
          data-testid={`import-notice-${scope}`}
          className={cn(
            "flex flex-wrap items-center justify-between gap-3 rounded-lg border px-4 py-3 text-sm",
            TONE_CLASSES[content.tone],
          )}
        >
          <p className="flex min-w-0 flex-wrap items-center gap-2">
            <Badge variant={TONE_BADGES[content.tone]}>{content.badge}</Badge>
            {/* An issue summary can hold a long unbroken name: wrap anywhere rather than widen a phone. */}
            <span className="min-w-0 wrap-anywhere">{content.text}</span>
          </p>
          {content.retry?.kind === "account" ? (
            <Link href={content.retry.href} className="shrink-0 font-medium underline">
              {canSyncAccounts ? "Retry on the Accounts page" : "Details on the Accounts page"}
            </Link>
          ) : content.retry?.kind === "demo" && canLoadDemo ? (
            <LoadDemoButton />
          ) : null}
        </div>
      ))}
      {hiddenCount > 0 ? (
        <p role="status" className="text-sm text-gray-700 dark:text-gray-300">
          {hiddenCount === 1 ? "One more import is" : `${hiddenCount} more imports are`} incomplete or
          running: see the{" "}
          <Link href="/accounts" className="font-medium underline">
            Accounts
          </Link>{" "}
          page.
        </p>
      ) : null}
    </div>
  );
}
