import { ResourceListLoading } from "../../_components/resource-list";

export default function Loading() {
  return <ResourceListLoading kind="services" />;
}
