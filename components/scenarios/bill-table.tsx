import { memo } from "react";
import { toBillTable } from "@/lib/charts/scenario-series";
import { formatInteger, formatUnitPriceUsd, formatUsd } from "@/lib/format";
import type { Bill } from "@/lib/pricing";
import { UnknownRates } from "./unknown-rates";

function formatQuantity(value: number | null): string {
  if (value === null) return "unknown";
  if (value !== 0 && Math.abs(value) < 100) return String(Math.round(value * 1000) / 1000);
  return formatInteger(value);
}

function Money({ valueUsd, isUnitPrice }: { valueUsd: number | null; isUnitPrice?: boolean }) {
  if (valueUsd === null)
    return <span className="font-medium text-amber-700 dark:text-amber-400">unknown</span>;
  return <>{isUnitPrice ? formatUnitPriceUsd(valueUsd) : formatUsd(valueUsd)}</>;
}

/** An itemized monthly bill: item, quantity, unit, unit price, cost and total; unknown is never $0. */
function BillTableView({
  title,
  subtitle,
  bill,
  emptyMessage,
  testId,
}: {
  title: string;
  subtitle?: string;
  bill: Bill | null;
  emptyMessage?: string;
  testId?: string;
}) {
  if (!bill) {
    return (
      <section
        data-testid={testId}
        className="min-w-0 rounded-lg border border-gray-200 bg-white p-4 dark:border-gray-800 dark:bg-gray-900"
      >
        <h3 className="text-sm font-semibold">{title}</h3>
        <p className="mt-2 text-sm text-gray-600 dark:text-gray-400">{emptyMessage ?? "No bill."}</p>
      </section>
    );
  }
  const table = toBillTable(bill);
  return (
    <section
      data-testid={testId}
      className="min-w-0 rounded-lg border border-gray-200 bg-white p-4 dark:border-gray-800 dark:bg-gray-900"
    >
      <div className="overflow-x-auto">
        {/* Below `sm` the quantity, unit and unit price fold under the item so the cost column stays in view. */}
        <table className="w-full text-left text-xs sm:min-w-[28rem]">
          <caption className="mb-2 text-left">
            <span className="block text-sm font-semibold text-gray-900 dark:text-gray-100">{title}</span>
            <span className="block text-xs text-gray-600 dark:text-gray-400">
              {subtitle ? `${subtitle} · ` : ""}USD per month
            </span>
          </caption>
          <thead className="border-b border-gray-200 text-gray-600 dark:border-gray-700 dark:text-gray-400">
            <tr>
              <th scope="col" className="py-1.5 pr-2 font-medium">
                Item
              </th>
              <th scope="col" className="hidden py-1.5 pr-2 text-right font-medium sm:table-cell">
                Quantity
              </th>
              <th scope="col" className="hidden py-1.5 pr-2 font-medium sm:table-cell">
                Unit
              </th>
              <th scope="col" className="hidden py-1.5 pr-2 text-right font-medium sm:table-cell">
                Unit price
              </th>
              <th scope="col" className="py-1.5 text-right font-medium">
                Cost
              </th>
            </tr>
          </thead>
          <tbody className="tabular divide-y divide-gray-100 dark:divide-gray-800">
            {table.rows.map((row, index) => (
              <tr key={`${row.item}-${index}`}>
                <th scope="row" className="py-1.5 pr-2 font-normal">
                  {row.item}
                  <span className="block text-[11px] text-gray-600 sm:hidden dark:text-gray-400">
                    {formatQuantity(row.quantity)} {row.unit} ×{" "}
                    <Money valueUsd={row.unitPriceUsd} isUnitPrice />
                  </span>
                </th>
                <td className="hidden py-1.5 pr-2 text-right sm:table-cell">
                  {formatQuantity(row.quantity)}
                </td>
                <td className="hidden py-1.5 pr-2 text-gray-600 sm:table-cell dark:text-gray-400">
                  {row.unit}
                </td>
                <td className="hidden py-1.5 pr-2 text-right sm:table-cell">
                  <Money valueUsd={row.unitPriceUsd} isUnitPrice />
                </td>
                <td className="py-1.5 text-right align-top sm:align-middle">
                  <Money valueUsd={row.costUsd} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t border-gray-300 dark:border-gray-600">
            <tr>
              <th scope="row" className="py-1.5 pr-2 text-left font-semibold">
                Total per month
              </th>
              <td className="hidden sm:table-cell" colSpan={3} />
              <td
                data-testid={testId ? `${testId}-total` : undefined}
                className="tabular py-1.5 text-right font-semibold"
              >
                <Money valueUsd={table.totalUsd} />
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <UnknownRates rates={table.unknownRates} className="mt-2" />
      <p className="mt-2 text-[11px] text-gray-500 dark:text-gray-400">
        Prices: {table.priceVersion}, {table.region}. Estimates, rounded only for display.
      </p>
    </section>
  );
}

/** Memoised: the page re-renders on every keystroke, this only when its data changes (useDeferredValue). */
export const BillTable = memo(BillTableView);
