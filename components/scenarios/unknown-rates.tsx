/** Why some costs read "unknown": the rates the price book lacks. Never rendered as $0. */
export function UnknownRates({ rates, className = "" }: { rates: readonly string[]; className?: string }) {
  if (rates.length === 0) return null;
  return (
    <div
      className={`rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:border-amber-700/60 dark:bg-amber-950/40 dark:text-amber-200 ${className}`}
    >
      <p className="font-medium">Unknown: the price book has no rate for</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {rates.map((rate) => (
          <li key={rate}>{rate}</li>
        ))}
      </ul>
    </div>
  );
}
