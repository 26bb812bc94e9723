import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/**
 * The look of every text input, select and textarea, with its states: a blue border and soft ring on
 * keyboard focus, a red border (and red ring while focused) when `aria-invalid="true"`, dimmed when
 * disabled. `outline-hidden` rather than `outline-none`: the outline comes back in forced-colors
 * mode, where the ring (a box-shadow) is not drawn. Width and margins are the caller's layout.
 */
const BASE =
  "min-w-0 rounded-md border border-gray-300 bg-white text-gray-900 shadow-xs outline-hidden placeholder:text-gray-500 focus-visible:border-blue-500 focus-visible:ring-2 focus-visible:ring-blue-500/30 aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-red-500/30 disabled:cursor-not-allowed disabled:opacity-50 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-100 dark:placeholder:text-gray-400";

/**
 * One-line controls match the buttons of the same size (`md` beside a default Button, `sm` beside
 * `size="sm"`); a textarea grows with its rows instead.
 */
const SIZES = {
  md: { line: "h-9 px-2 text-sm", box: "block px-2 py-1.5 text-sm" },
  sm: { line: "h-8 px-2 text-xs", box: "block px-2 py-1.5 text-xs" },
} as const;

export type FieldSize = keyof typeof SIZES;
export type FieldKind = "input" | "select" | "textarea";

/** `fieldSize`, not `size`: `size` is a native attribute of <input> and <select>. */
export type FieldStyle = {
  fieldSize?: FieldSize;
  /** Monospaced text, for pasted code or JSON. */
  isMono?: boolean;
};

/** Classes for a form control; the components below use it, and so can a control they do not cover. */
export function fieldClassName(
  kind: FieldKind,
  { fieldSize = "md", isMono = false }: FieldStyle = {},
  className?: string,
): string {
  return cn(
    BASE,
    kind === "textarea" ? SIZES[fieldSize].box : SIZES[fieldSize].line,
    isMono && "font-mono",
    className,
  );
}

export function Input({ fieldSize, isMono, className, ...props }: ComponentProps<"input"> & FieldStyle) {
  return <input className={fieldClassName("input", { fieldSize, isMono }, className)} {...props} />;
}

export function Select({ fieldSize, isMono, className, ...props }: ComponentProps<"select"> & FieldStyle) {
  return <select className={fieldClassName("select", { fieldSize, isMono }, className)} {...props} />;
}

export function Textarea({
  fieldSize,
  isMono,
  className,
  ...props
}: ComponentProps<"textarea"> & FieldStyle) {
  return <textarea className={fieldClassName("textarea", { fieldSize, isMono }, className)} {...props} />;
}

/** A checkbox in the accent colour; `className` places it (e.g. `mt-0.5` beside a two-line label). */
export function Checkbox({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  return (
    <input
      type="checkbox"
      className={cn(
        "size-4 shrink-0 accent-blue-600 disabled:cursor-not-allowed disabled:opacity-50 dark:accent-blue-400",
        className,
      )}
      {...props}
    />
  );
}

/** The small label above a control. */
export function Label({ className, ...props }: ComponentProps<"label">) {
  return (
    <label
      className={cn("block text-xs font-medium text-gray-700 dark:text-gray-300", className)}
      {...props}
    />
  );
}

/**
 * The line under a control: its error (announced at once) or else its hint, under one id for the
 * control's `aria-describedby`. Nothing when there is neither.
 */
export function FieldMessage({ id, error, hint }: { id: string; error?: string | null; hint?: ReactNode }) {
  if (error) {
    return (
      <p id={id} role="alert" className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
        {error}
      </p>
    );
  }
  if (hint) {
    return (
      <p id={id} className="mt-1 text-xs text-gray-500 dark:text-gray-400">
        {hint}
      </p>
    );
  }
  return null;
}
