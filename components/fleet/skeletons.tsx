import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

export function StatsSkeleton({ count = 3 }: { count?: number }) {
  return (
    <div aria-busy="true" aria-label="Loading" className="grid grid-cols-1 gap-4 sm:grid-cols-3">
      {Array.from({ length: count }, (_, i) => (
        <Card key={i} className="p-4">
          <Skeleton className="h-3 w-24" />
          <Skeleton className="mt-3 h-7 w-32" />
          <Skeleton className="mt-2 h-3 w-40" />
        </Card>
      ))}
    </div>
  );
}

export function ChartSkeleton({ height = 240 }: { height?: number }) {
  return (
    <Card aria-busy="true" aria-label="Loading chart">
      <div className="border-b border-gray-100 px-4 py-3 dark:border-gray-800">
        <Skeleton className="h-4 w-40" />
      </div>
      <CardContent>
        <Skeleton className="h-3 w-64" />
        <Skeleton className="mt-3 w-full" style={{ height }} />
      </CardContent>
    </Card>
  );
}

export function TableSkeleton({ rows = 10 }: { rows?: number }) {
  return (
    <Card aria-busy="true" aria-label="Loading table">
      <CardContent className="space-y-3">
        <Skeleton className="h-4 w-full" />
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} className="h-6 w-full" />
        ))}
      </CardContent>
    </Card>
  );
}
