import type { ReactNode } from "react";
import { cardClassName } from "@/components/ui/card";

/** A headline figure: label, value, and a line of context (period, change). */
export function Stat({ label, value, detail }: { label: ReactNode; value: ReactNode; detail?: ReactNode }) {
  return (
    <div className={cardClassName("p-4")}>
      <dt className="text-xs font-medium text-gray-600 dark:text-gray-400">{label}</dt>
      <dd className="tabular mt-1 break-words text-2xl font-semibold tracking-tight">{value}</dd>
      {detail ? <dd className="mt-1 text-xs text-gray-500 dark:text-gray-400">{detail}</dd> : null}
    </div>
  );
}
