import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/** The card surface, for an element that is not a <section> (a form, an aside, an alert). */
export function cardClassName(className?: string): string {
  return cn(
    "min-w-0 rounded-lg border border-gray-200 bg-white shadow-sm dark:border-gray-800 dark:bg-gray-900",
    className,
  );
}

export function Card({ className, ...props }: ComponentProps<"section">) {
  return <section className={cardClassName(className)} {...props} />;
}

export function CardHeader({
  title,
  description,
  actions,
  headingLevel = 2,
  id,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  headingLevel?: 2 | 3;
  id?: string;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="flex flex-wrap items-start justify-between gap-2 border-b border-gray-100 px-4 py-3 dark:border-gray-800">
      <div className="min-w-0">
        <Heading id={id} className="text-sm font-semibold text-gray-900 dark:text-gray-100">
          {title}
        </Heading>
        {description ? (
          <p className="mt-0.5 text-xs text-gray-600 dark:text-gray-400">{description}</p>
        ) : null}
      </div>
      {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
    </div>
  );
}

export function CardContent({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("p-4", className)} {...props} />;
}
