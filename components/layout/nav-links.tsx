"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

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

/**
 * The main navigation: a column beside the page from md up; on phones one row that scrolls sideways
 * inside itself (seven links wrapped to three rows before), with the current page scrolled into view.
 */
export function NavLinks() {
  const pathname = usePathname();
  const navRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const nav = navRef.current;
    const current = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !current || nav.scrollWidth <= nav.clientWidth) return;
    // Only the row scrolls (not the page): centre the current link when it is out of view.
    const isVisible =
      current.offsetLeft >= nav.scrollLeft &&
      current.offsetLeft + current.offsetWidth <= nav.scrollLeft + nav.clientWidth;
    if (!isVisible) nav.scrollLeft = current.offsetLeft - (nav.clientWidth - current.offsetWidth) / 2;
  }, [pathname]);
  return (
    <nav
      ref={navRef}
      aria-label="Main"
      className="-mx-4 flex gap-1 overflow-x-auto px-4 [scrollbar-width:none] md:mx-0 md:flex-col md:overflow-visible md:px-0"
    >
      {NAV_ITEMS.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={isActive(pathname, item.href) ? "page" : undefined}
          className="shrink-0 whitespace-nowrap rounded-md px-2.5 py-2 md:px-3 text-sm font-medium text-gray-700 hover:bg-gray-100 aria-[current=page]:bg-gray-900 aria-[current=page]:text-white dark:text-gray-300 dark:hover:bg-gray-800 dark:aria-[current=page]:bg-gray-100 dark:aria-[current=page]:text-gray-900"
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
