import { ResourceNotFound } from "@/components/fleet/resource-page";
import { FUNCTIONS } from "@/lib/schemas/resource-kinds";

export default function NotFound() {
  return <ResourceNotFound kind={FUNCTIONS} />;
}
