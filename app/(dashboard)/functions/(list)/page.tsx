import type { Metadata } from "next";
import { ResourceListPage } from "../../_components/resource-list";

export const metadata: Metadata = { title: "Functions" };

export default function FunctionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <ResourceListPage kind="functions" searchParams={searchParams} />;
}
