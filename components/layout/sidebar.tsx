import Link from "next/link";
import { SessionChip } from "@/components/auth/session-chip";
import { NavLinks } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";

export function Sidebar() {
  return (
    <aside className="border-b border-gray-200 bg-white px-4 py-3 md:sticky md:top-0 md:h-screen md:w-56 md:shrink-0 md:border-b-0 md:border-r md:py-6 dark:border-gray-800 dark:bg-gray-900">
      <div className="mb-3 flex items-center justify-between md:mb-6">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          Breakeven
        </Link>
        <ThemeToggle />
      </div>
      <NavLinks />
      <SessionChip />
    </aside>
  );
}
