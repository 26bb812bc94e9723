import { EmptyState } from "@/components/ui/empty-state";

const CODE_CLASS =
  "rounded bg-gray-100 px-1.5 py-0.5 font-mono text-xs text-gray-900 dark:bg-gray-800 dark:text-gray-100";

/**
 * No AWS account yet: what one is, what it needs, and the command-line way. A viewer (who cannot add
 * one) is told that an admin can.
 */
export function AccountsEmptyState({ canAddAccount }: { canAddAccount: boolean }) {
  return (
    <EmptyState title="No AWS accounts yet" className="py-8">
      <p>
        An account is an AWS account Breakeven reads, read-only: the Lambda functions and Fargate services of
        the regions you choose, their CloudWatch metrics and, if you switch it on, the REPORT lines of Lambda
        logs. Breakeven stores no keys: it uses the server&apos;s AWS credentials, a named profile, or a role
        it assumes.
      </p>
      <p>
        The permissions a sync needs are in{" "}
        <code className={CODE_CLASS} data-testid="iam-policy-path">
          docs/iam-policy.json
        </code>{" "}
        in the Breakeven repository; attach them to the user or role the server runs as.
      </p>
      {canAddAccount ? (
        <p>
          Add an account below, or from a terminal:{" "}
          <code className={`${CODE_CLASS} wrap-anywhere`}>npm run sync</code> syncs the account of your
          default credentials (and records it here), and{" "}
          <code className={`${CODE_CLASS} wrap-anywhere`}>
            npm run -s cli -- accounts add --id … --name … --regions …
          </code>{" "}
          adds one.
        </p>
      ) : (
        <p>An admin can add one here or from a terminal.</p>
      )}
    </EmptyState>
  );
}
