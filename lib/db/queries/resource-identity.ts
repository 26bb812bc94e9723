import type { Db } from "@/lib/db/client";
import { parseTags } from "./sql-values";

/**
 * What a resource page reads of every kind: who and where it is (the columns LambdaFunction and
 * FargateService share), and its ResourceSummary row. getFunctionDetail and getServiceDetail add
 * their own columns.
 */

export const IDENTITY_SELECT = {
  id: true,
  arn: true,
  name: true,
  accountId: true,
  region: true,
  architecture: true,
  memoryMb: true,
  tagsJson: true,
  firstSeenAt: true,
  lastSeenAt: true,
  deletedAt: true,
  isDemo: true,
  account: { select: { name: true } },
} as const;

type IdentityRow = {
  id: string;
  arn: string;
  name: string;
  accountId: string;
  region: string;
  architecture: string;
  memoryMb: number;
  tagsJson: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  deletedAt: Date | null;
  isDemo: boolean;
  account: { name: string };
};

export type ResourceIdentity = Omit<IdentityRow, "tagsJson" | "account"> & {
  accountName: string;
  tags: Record<string, string>;
};

/** The row as a page reads it (account name, parsed tags), with the kind's own columns kept. */
export function toIdentity<Row extends IdentityRow>({
  tagsJson,
  account,
  ...row
}: Row): Omit<Row, "tagsJson" | "account"> & ResourceIdentity {
  return { ...row, accountName: account.name, tags: parseTags(tagsJson) };
}

/** The summary columns every kind's page shows; a kind selects its own figures besides. */
const SUMMARY_BASE_SELECT = { windowDays: true, windowEnd: true, costNanoUsd: true } as const;

export async function readSummary<const Extra extends Record<string, true>>(
  db: Db,
  resourceArn: string,
  extra: Extra,
) {
  return db.resourceSummary.findUnique({
    where: { resourceArn },
    select: { ...SUMMARY_BASE_SELECT, ...extra },
  });
}
