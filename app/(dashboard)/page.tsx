export default function OverviewPage() {
  return (
    <div>
      <h1 className="text-2xl font-semibold">Overview</h1>
      <p className="mt-2 text-sm text-gray-600 dark:text-gray-400">The fleet overview is being built.</p>
    </div>
  );
}
