import type { Metadata } from "next";
import { AccountCard } from "@/components/accounts/account-card";
import type { AccountControls } from "@/components/accounts/account-actions";
import { AccountsEmptyState } from "@/components/accounts/accounts-empty-state";
import { AddAccountForm } from "@/components/accounts/add-account-form";
import { PageHeader } from "@/components/fleet/page-header";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { getRequestRole } from "@/lib/auth/guard";
import { canRequest } from "@/lib/auth/policy";
import type { Role } from "@/lib/auth/settings";
import { getDb } from "@/lib/db/client";
import { listAccounts } from "@/lib/db/queries/accounts";
import { API_PATHS } from "@/lib/api-paths";

export const metadata: Metadata = { title: "Accounts" };

// Reads the database on every request; never prerendered at build time.
export const dynamic = "force-dynamic";

/** An account's controls, each asked of the proxy's rule for its own route (a viewer gets none). */
function toAccountControls(role: Role | null, accountId: string): AccountControls {
  return {
    canTest: canRequest(role, "POST", API_PATHS.accountTest(accountId)),
    canSync: canRequest(role, "POST", API_PATHS.accountSync(accountId)),
    canRemove: canRequest(role, "DELETE", API_PATHS.account(accountId)),
    canChangeSettings: canRequest(role, "PATCH", API_PATHS.account(accountId)),
  };
}

export default async function AccountsPage() {
  const [accounts, role] = await Promise.all([listAccounts(getDb()), getRequestRole()]);
  const canAddAccount = canRequest(role, "POST", API_PATHS.accounts);
  return (
    <>
      <PageHeader
        title="Accounts"
        description="The AWS accounts Breakeven syncs: inventory, CloudWatch metrics and (optionally) Lambda REPORT lines, read-only. Demo accounts are not listed here."
      />
      <div className="space-y-6">
        {canAddAccount ? null : (
          <p
            role="note"
            data-testid="accounts-admin-note"
            className="rounded-lg border border-gray-200 bg-gray-50 px-4 py-3 text-sm text-gray-700 dark:border-gray-800 dark:bg-gray-900 dark:text-gray-300"
          >
            Adding, syncing and changing accounts needs the admin role.
          </p>
        )}
        {accounts.length === 0 ? (
          <AccountsEmptyState canAddAccount={canAddAccount} />
        ) : (
          <div className="space-y-4" data-testid="account-list">
            {accounts.map((account) => (
              <AccountCard
                key={account.id}
                account={account}
                controls={toAccountControls(role, account.id)}
              />
            ))}
          </div>
        )}
        {canAddAccount ? (
          <Card aria-labelledby="add-account-heading">
            <CardHeader
              id="add-account-heading"
              title="Add account"
              description="Nothing is read from AWS until you test or sync it."
            />
            <CardContent>
              <AddAccountForm />
            </CardContent>
          </Card>
        ) : null}
      </div>
    </>
  );
}
