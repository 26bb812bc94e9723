import { ChartSkeleton, StatsSkeleton } from "@/components/fleet/skeletons";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading">
      <Skeleton className="mb-6 h-8 w-48" />
      <StatsSkeleton />
      <div className="mt-6">
        <ChartSkeleton height={260} />
      </div>
    </div>
  );
}
