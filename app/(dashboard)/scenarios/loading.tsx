export default function ScenariosLoading() {
  return (
    <div aria-busy="true" aria-label="Loading the what-if page" className="space-y-4">
      <div className="h-8 w-64 animate-pulse rounded bg-gray-200 dark:bg-gray-800" />
      <div className="h-28 animate-pulse rounded-lg bg-gray-200 dark:bg-gray-800" />
      <div className="grid gap-4 lg:grid-cols-[360px_1fr]">
        <div className="h-[32rem] animate-pulse rounded-lg bg-gray-200 dark:bg-gray-800" />
        <div className="h-[32rem] animate-pulse rounded-lg bg-gray-200 dark:bg-gray-800" />
      </div>
    </div>
  );
}
