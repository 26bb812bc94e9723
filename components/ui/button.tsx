import type { ComponentProps } from "react";
import { cn } from "./cn";

const VARIANTS = {
  primary:
    "bg-gray-900 text-white hover:bg-gray-700 disabled:bg-gray-400 dark:bg-gray-100 dark:text-gray-900 dark:hover:bg-white dark:disabled:bg-gray-600",
  secondary:
    "border border-gray-300 bg-white text-gray-800 hover:bg-gray-50 disabled:opacity-50 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-200 dark:hover:bg-gray-800",
  danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-300 dark:bg-red-700 dark:hover:bg-red-600",
  ghost: "text-gray-700 hover:bg-gray-100 disabled:opacity-50 dark:text-gray-300 dark:hover:bg-gray-800",
  /** Text that reads as a link, for small actions in a row (Open, Rename, Duplicate). */
  link: "text-blue-700 hover:bg-blue-50 hover:underline disabled:opacity-50 dark:text-blue-400 dark:hover:bg-blue-950",
  linkDanger:
    "text-red-700 hover:bg-red-50 hover:underline disabled:opacity-50 dark:text-red-400 dark:hover:bg-red-950",
} as const;

/** `xs`: inline actions in dense rows and small controls (presets, the theme switch). */
const SIZES = { xs: "h-6 px-2 text-xs", sm: "h-8 px-3 text-xs", md: "h-9 px-4 text-sm" } as const;

export type ButtonVariant = keyof typeof VARIANTS;
export type ButtonSize = keyof typeof SIZES;

/** Classes for a button-looking element (also used on <Link>). */
export function buttonClassName(
  variant: ButtonVariant = "primary",
  size: ButtonSize = "md",
  className?: string,
): string {
  return cn(
    "inline-flex items-center justify-center gap-1.5 whitespace-nowrap rounded-md font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed",
    VARIANTS[variant],
    SIZES[size],
    className,
  );
}

export function Button({
  variant = "primary",
  size = "md",
  className,
  type = "button",
  ...props
}: ComponentProps<"button"> & { variant?: ButtonVariant; size?: ButtonSize }) {
  return <button type={type} className={buttonClassName(variant, size, className)} {...props} />;
}
