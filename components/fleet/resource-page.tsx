import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { formatUsd } from "@/lib/format";
import type { RangeKey } from "@/lib/range";
import type { ResourceKindInfo } from "@/lib/schemas/resource-kinds";
import { addUtcDays, formatUtcDate } from "@/lib/time";
import { FactsList } from "./facts-list";
import { PageHeader } from "./page-header";
import { RangeTabs } from "./range-tabs";
import { Stat } from "./stat";

/**
 * The parts every resource page (a function, a service) shares, worded from the kind's description
 * (lib/schemas/resource-kinds.ts): the header, the headline figures with the billed cost first, the
 * configuration card and the not-found page. The charts stay with each kind.
 */

type ResourceIdentity = {
  id: string;
  name: string;
  accountId: string;
  accountName: string;
  region: string;
  isDemo: boolean;
  deletedAt: Date | null;
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Breadcrumb back to the list, the name with its demo/deleted badges, where it runs, the range tabs. */
export function ResourcePageHeader({
  kind,
  resource,
  place,
  range,
}: {
  kind: ResourceKindInfo;
  resource: ResourceIdentity;
  /** Where it runs before the account, e.g. "cluster main". */
  place?: string;
  range: RangeKey;
}) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={kind.basePath} className="text-blue-700 hover:underline dark:text-blue-400">
          {kind.listTitle}
        </Link>
        <span aria-hidden className="px-1 text-gray-400">
          /
        </span>
      </nav>
      <PageHeader
        title={resource.name}
        badges={
          <>
            {resource.isDemo ? <Badge variant="demo">Demo data</Badge> : null}
            {resource.deletedAt ? (
              <Badge variant="danger">deleted {formatUtcDate(resource.deletedAt)}</Badge>
            ) : null}
          </>
        }
        description={
          <>
            {kind.label} in {place ? `${place} · ` : ""}
            {resource.accountName} ({resource.accountId}) · {resource.region}
          </>
        }
        actions={<RangeTabs current={range} hrefFor={(r) => kind.toResourceHref(resource.id, r)} />}
      />
    </>
  );
}

export type ResourceSummaryCost = {
  windowDays: number;
  windowEnd: Date;
  costUsd: number | null;
};

/** The headline figures: the billed cost over the summary window, then the kind's own figures. */
export function ResourceStats({
  summary,
  children,
}: {
  summary: ResourceSummaryCost | null;
  children: ReactNode;
}) {
  return (
    <dl className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
      <Stat
        label={`Cost (${summary?.windowDays ?? 30} days)`}
        value={formatUsd(summary?.costUsd)}
        detail={
          summary?.costUsd === null
            ? "no bill of this account read yet: unknown"
            : summary
              ? `billed, ${formatUtcDate(addUtcDays(summary.windowEnd, -summary.windowDays))} – ${formatUtcDate(addUtcDays(summary.windowEnd, -1))}`
              : "no summary yet: unknown"
        }
      />
      {children}
    </dl>
  );
}

/** The configuration card: the facts, the ARNs, and the tags as links to the list filtered by each. */
export function ResourceConfigCard({
  kind,
  facts,
  arns,
  tags,
}: {
  kind: ResourceKindInfo;
  facts: { label: string; value: ReactNode }[];
  arns: string[];
  tags: Record<string, string>;
}) {
  const tagEntries = Object.entries(tags);
  return (
    <Card>
      <CardHeader title="Configuration" headingLevel={2} />
      <CardContent>
        <FactsList items={facts} />
        {arns.map((arn, index) => (
          <p
            key={arn}
            className={`${index === 0 ? "mt-4" : "mt-1"} break-all font-mono text-xs text-gray-500 dark:text-gray-400`}
          >
            {arn}
          </p>
        ))}
        {tagEntries.length > 0 ? (
          <ul className="mt-3 flex flex-wrap gap-1.5" aria-label="Tags">
            {tagEntries.map(([key, value]) => (
              <li key={key}>
                <Link href={kind.toTagHref(key, value)}>
                  <Badge>
                    {key}={value}
                  </Badge>
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** The page of a resource id the database does not hold. */
export function ResourceNotFound({ kind }: { kind: ResourceKindInfo }) {
  return (
    <div className="mx-auto max-w-md py-24 text-center">
      <h1 className="text-2xl font-semibold">{capitalize(kind.noun)} not found</h1>
      <p className="mt-2 text-sm text-gray-600 dark:text-gray-400">
        There is no {kind.label} with this id in the database. It may have been removed with the demo data.
      </p>
      <Link
        href={kind.basePath}
        className="mt-4 inline-block text-sm font-medium text-blue-700 hover:underline dark:text-blue-400"
      >
        Back to all {kind.nounPlural}
      </Link>
    </div>
  );
}

/** A resource's recorded configurations as the change list reads them (lib/charts/config-history). */
export function toConfigSnapshots<Snapshot extends { effectiveAt: Date }>(
  history: readonly Snapshot[],
): { effectiveAt: Date; config: Omit<Snapshot, "effectiveAt"> }[] {
  return history.map(({ effectiveAt, ...config }) => ({ effectiveAt, config }));
}

/** The `<title>` of a resource page. */
export function toResourceTitle(kind: ResourceKindInfo, resource: { name: string } | null): string {
  return resource ? resource.name : `${capitalize(kind.noun)} not found`;
}
