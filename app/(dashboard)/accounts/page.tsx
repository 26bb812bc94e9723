import type { Metadata } from "next";
import { AccountCard } from "@/components/accounts/account-card";
import { AccountsEmptyState } from "@/components/accounts/accounts-empty-state";
import { AddAccountForm } from "@/components/accounts/add-account-form";
import { PageHeader } from "@/components/fleet/page-header";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { getDb } from "@/lib/db/client";
import { listAccounts } from "@/lib/db/queries/accounts";

export const metadata: Metadata = { title: "Accounts" };

// Reads the database on every request; never prerendered at build time.
export const dynamic = "force-dynamic";

export default async function AccountsPage() {
  const accounts = await listAccounts(getDb());
  return (
    <>
      <PageHeader
        title="Accounts"
        description="The AWS accounts Breakeven syncs: inventory, CloudWatch metrics and (optionally) Lambda REPORT lines, read-only. Demo accounts are not listed here."
      />
      <div className="space-y-6">
        {accounts.length === 0 ? (
          <AccountsEmptyState />
        ) : (
          <div className="space-y-4" data-testid="account-list">
            {accounts.map((account) => (
              <AccountCard key={account.id} account={account} />
            ))}
          </div>
        )}
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
      </div>
    </>
  );
}
