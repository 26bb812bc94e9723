import { Badge } from "@/components/ui/badge";
import { RemoveDemoButton } from "./remove-demo-button";

/** Shown on every fleet page while demo accounts exist, so nobody mistakes them for a real bill. */
export function DemoBanner({
  demoAccountCount,
  canRemove,
}: {
  demoAccountCount: number;
  canRemove: boolean;
}) {
  return (
    <div
      role="note"
      aria-label="Demo data"
      className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100"
    >
      <p className="flex flex-wrap items-center gap-2">
        <Badge variant="demo">Demo data</Badge>
        <span>
          {demoAccountCount === 1 ? "One account is" : `${demoAccountCount} accounts are`} generated demo
          data, not a real AWS bill.
        </span>
      </p>
      {canRemove ? <RemoveDemoButton /> : null}
    </div>
  );
}
