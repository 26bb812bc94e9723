import Link from "next/link";
import { Stat } from "@/components/fleet/stat";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table";
import { formatInteger, formatUsd } from "@/lib/format";
import type { RecommendationKind } from "@/lib/recommend/types";
import {
  toRecommendationsHref,
  type RecommendationsSearchParams,
  type RecommendationTotals,
  type SavingGroup,
} from "@/lib/schemas/recommendation-list";
import { formatUtcMinute, KIND_LABELS } from "./recommendation-view";

function plural(count: number, one: string, many: string): string {
  return `${formatInteger(count)} ${count === 1 ? one : many}`;
}

function GroupCard({
  title,
  column,
  groups,
  labelFor,
  hrefFor,
  testId,
}: {
  title: string;
  column: string;
  groups: SavingGroup[];
  labelFor: (key: string) => string;
  hrefFor: (key: string) => string;
  testId: string;
}) {
  const sorted = [...groups].sort((a, b) => b.monthlySavingUsd - a.monthlySavingUsd);
  return (
    <Card>
      <CardHeader title={title} headingLevel={3} />
      {sorted.length === 0 ? (
        <p className="px-4 py-3 text-sm text-gray-500 dark:text-gray-400">Nothing to group.</p>
      ) : (
        <Table aria-label={`Potential saving ${title.toLowerCase()}`} data-testid={testId}>
          <THead>
            <tr>
              <Th scope="col">{column}</Th>
              <Th scope="col" isNumeric>
                Items
              </Th>
              <Th scope="col" isNumeric title="Potential saving per month">
                $ / month
              </Th>
            </tr>
          </THead>
          <TBody>
            {sorted.map((group) => (
              <Tr key={group.key}>
                <Td className="whitespace-normal! wrap-anywhere">
                  <Link
                    href={hrefFor(group.key)}
                    className="text-blue-700 hover:underline dark:text-blue-400"
                    title={`Show only ${labelFor(group.key)}`}
                  >
                    {labelFor(group.key)}
                  </Link>
                </Td>
                <Td isNumeric>{formatInteger(group.count)}</Td>
                <Td isNumeric className="font-medium">
                  {formatUsd(group.monthlySavingUsd)}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}

/**
 * The top of the recommendations page: the potential monthly saving of everything the filters
 * select (each resource's largest known saving once: recommendations on one resource are
 * alternatives), by kind, account and region. Each group links to the list narrowed to it.
 */
export function RecommendationTotalsView({
  totals,
  computedAt,
  state,
  accountNames,
}: {
  totals: RecommendationTotals;
  computedAt: string;
  state: RecommendationsSearchParams;
  accountNames: ReadonlyMap<string, string>;
}) {
  const pricedCount = totals.count - totals.unknownSavingCount;
  const total =
    totals.count === 0 ? "none" : pricedCount === 0 ? "unknown" : formatUsd(totals.totalMonthlySavingUsd);
  return (
    <section aria-label="Potential saving" className="mb-6 space-y-4" data-testid="recommendation-totals">
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Stat
          label="Potential saving / month"
          value={<span data-testid="total-saving">{total}</span>}
          detail="For these filters; alternatives on one resource count once (the largest)."
        />
        <Stat
          label="Recommendations"
          value={formatInteger(totals.count)}
          detail={
            totals.count === 0
              ? "None match these filters."
              : totals.unknownSavingCount > 0
                ? `${plural(totals.unknownSavingCount, "has an unknown saving", "have an unknown saving")}, not in the total.`
                : "Every saving is priced."
          }
        />
        <Stat
          label="Computed"
          value={<span className="text-lg">{formatUtcMinute(computedAt)}</span>}
          detail="After each import: a demo load or an account sync."
        />
      </dl>
      {totals.count > 0 ? (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
          <GroupCard
            title="By kind"
            column="Kind"
            groups={totals.byKind}
            labelFor={(key) => KIND_LABELS[key as RecommendationKind] ?? key}
            hrefFor={(key) => toRecommendationsHref(state, { kind: key as RecommendationKind, page: 1 })}
            testId="totals-by-kind"
          />
          <GroupCard
            title="By account"
            column="Account"
            groups={totals.byAccount}
            labelFor={(key) => accountNames.get(key) ?? key}
            hrefFor={(key) => toRecommendationsHref(state, { account: key, page: 1 })}
            testId="totals-by-account"
          />
          <GroupCard
            title="By region"
            column="Region"
            groups={totals.byRegion}
            labelFor={(key) => key}
            hrefFor={(key) => toRecommendationsHref(state, { region: key, page: 1 })}
            testId="totals-by-region"
          />
        </div>
      ) : null}
    </section>
  );
}
