import { ResourceNotFound } from "@/components/fleet/resource-page";
import { SERVICES } from "@/lib/schemas/resource-kinds";

export default function NotFound() {
  return <ResourceNotFound kind={SERVICES} />;
}
