import { TableSkeleton } from "@/components/fleet/skeletons";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading services">
      <Skeleton className="mb-6 h-8 w-48" />
      <Skeleton className="mb-4 h-14 w-full" />
      <TableSkeleton rows={12} />
    </div>
  );
}
