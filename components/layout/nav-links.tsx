"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export const NAV_ITEMS = [
  { href: "/", label: "Overview" },
  { href: "/functions", label: "Functions" },
  { href: "/services", label: "Services" },
  { href: "/recommendations", label: "Recommendations" },
  { href: "/reconciliation", label: "Reconciliation" },
  { href: "/scenarios", label: "What-if" },
  { href: "/accounts", label: "Accounts" },
] as const;

function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-1 md:flex-col md:flex-nowrap">
      {NAV_ITEMS.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={isActive(pathname, item.href) ? "page" : undefined}
          className="whitespace-nowrap rounded-md px-2.5 py-2 md:px-3 text-sm font-medium text-gray-700 hover:bg-gray-100 aria-[current=page]:bg-gray-900 aria-[current=page]:text-white dark:text-gray-300 dark:hover:bg-gray-800 dark:aria-[current=page]:bg-gray-100 dark:aria-[current=page]:text-gray-900"
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
