import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A grey placeholder block; screen readers hear the surrounding `aria-busy` region instead. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      aria-hidden
      className={cn("animate-pulse rounded-md bg-gray-200 dark:bg-gray-800", className)}
      {...props}
    />
  );
}
