import { memo } from "react";
import { Card } from "@/components/ui/card";
import { Table, TBody, TFoot, THead, Td, Th, Tr } from "@/components/ui/table";
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
      <Card data-testid={testId} className="p-4">
        <h3 className="text-sm font-semibold">{title}</h3>
        <p className="mt-2 text-sm text-gray-600 dark:text-gray-400">{emptyMessage ?? "No bill."}</p>
      </Card>
    );
  }
  const table = toBillTable(bill);
  return (
    <Card data-testid={testId} className="p-4">
      {/* Below `sm` the quantity, unit and unit price fold under the item so the cost column stays in view. */}
      <Table size="xs" isFlush className="sm:min-w-[28rem]">
        <caption className="mb-2 text-left">
          <span className="block text-sm font-semibold text-gray-900 dark:text-gray-100">{title}</span>
          <span className="block text-xs text-gray-600 dark:text-gray-400">
            {subtitle ? `${subtitle} · ` : ""}USD per month
          </span>
        </caption>
        <THead>
          <tr>
            <Th scope="col">Item</Th>
            <Th scope="col" isNumeric className="hidden sm:table-cell">
              Quantity
            </Th>
            <Th scope="col" className="hidden sm:table-cell">
              Unit
            </Th>
            <Th scope="col" isNumeric className="hidden sm:table-cell">
              Unit price
            </Th>
            <Th scope="col" isNumeric>
              Cost
            </Th>
          </tr>
        </THead>
        <TBody>
          {table.rows.map((row, index) => (
            <Tr key={`${row.item}-${index}`}>
              <Th scope="row">
                {row.item}
                <span className="block text-[11px] text-gray-600 sm:hidden dark:text-gray-400">
                  {formatQuantity(row.quantity)} {row.unit} ×{" "}
                  <Money valueUsd={row.unitPriceUsd} isUnitPrice />
                </span>
              </Th>
              <Td isNumeric className="hidden sm:table-cell">
                {formatQuantity(row.quantity)}
              </Td>
              <Td className="hidden text-gray-600 sm:table-cell dark:text-gray-400">{row.unit}</Td>
              <Td isNumeric className="hidden sm:table-cell">
                <Money valueUsd={row.unitPriceUsd} isUnitPrice />
              </Td>
              <Td isNumeric className="align-top sm:align-middle">
                <Money valueUsd={row.costUsd} />
              </Td>
            </Tr>
          ))}
        </TBody>
        <TFoot>
          <tr>
            <Th scope="row">Total per month</Th>
            <td className="hidden sm:table-cell" colSpan={3} />
            <Td isNumeric data-testid={testId ? `${testId}-total` : undefined}>
              <Money valueUsd={table.totalUsd} />
            </Td>
          </tr>
        </TFoot>
      </Table>
      <UnknownRates rates={table.unknownRates} className="mt-2" />
      <p className="mt-2 text-[11px] text-gray-500 dark:text-gray-400">
        Prices: {table.priceVersion}, {table.region}. Estimates, rounded only for display.
      </p>
    </Card>
  );
}

/** Memoised: the page re-renders on every keystroke, this only when its data changes (useDeferredValue). */
export const BillTable = memo(BillTableView);
