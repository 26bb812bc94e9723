import type { Metadata } from "next";
import { ResourceListPage } from "../../_components/resource-list";

export const metadata: Metadata = { title: "Services" };

export default function ServicesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <ResourceListPage kind="services" searchParams={searchParams} />;
}
