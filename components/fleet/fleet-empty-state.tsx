import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadDemoButton } from "./load-demo-button";

const ACCOUNTS_LINK = (
  <Link href="/accounts" className="font-medium underline">
    Accounts
  </Link>
);

/**
 * What an empty database shows: how to load the demo fleet, and how to add an AWS account. Never
 * zeros: with no data there is nothing to total. A viewer (who may do neither) is told that an admin
 * can, instead of being shown a button that would be refused.
 */
export function FleetEmptyState({
  canLoadDemo,
  canAddAccount,
  headingLevel = 2,
}: {
  /** Show the "Load demo data" button (the role may POST /api/fleet/demo). */
  canLoadDemo: boolean;
  /** The role may add and sync accounts (an admin); false for a viewer. */
  canAddAccount: boolean;
  headingLevel?: 2 | 3;
}) {
  if (!canAddAccount && !canLoadDemo) {
    return (
      <EmptyState title="No cost data yet" headingLevel={headingLevel}>
        <p>
          Breakeven has no accounts, functions or services in this database yet, so there is nothing to show.
        </p>
        <p data-testid="fleet-empty-admin-note">
          An admin can load the demo fleet or add an AWS account on the {ACCOUNTS_LINK} page.
        </p>
      </EmptyState>
    );
  }
  return (
    <EmptyState
      title="No cost data yet"
      headingLevel={headingLevel}
      actions={canLoadDemo ? <LoadDemoButton /> : null}
    >
      <p>
        Breakeven has no accounts, functions or services in this database. Load the demo fleet (2 accounts,
        about 60 Lambda functions and 12 Fargate services with 90 days of generated costs and metrics) to
        explore the views
        {canLoadDemo ? " with the button below, or" : ""} from a terminal:
      </p>
      <p>
        <code className="rounded bg-gray-100 px-1.5 py-0.5 font-mono text-xs text-gray-900 dark:bg-gray-800 dark:text-gray-100">
          npm run demo
        </code>
      </p>
      <p>
        Demo data is labelled as such everywhere and can be removed in one click. To see your own functions
        and services, add an AWS account on the {ACCOUNTS_LINK} page and sync it (or run{" "}
        <code className="font-mono text-xs">npm run sync</code>): a read-only sync of the inventory,
        CloudWatch metrics and the billed cost from Cost Explorer (on by default, $0.01 a request). Without a
        bill read, cost shows as unknown.
      </p>
    </EmptyState>
  );
}
