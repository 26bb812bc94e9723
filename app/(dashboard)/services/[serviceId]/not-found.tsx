import Link from "next/link";

export default function ServiceNotFound() {
  return (
    <div className="mx-auto max-w-md py-24 text-center">
      <h1 className="text-2xl font-semibold">Service not found</h1>
      <p className="mt-2 text-sm text-gray-600 dark:text-gray-400">
        There is no Fargate service with this id in the database. It may have been removed with the demo data.
      </p>
      <Link
        href="/services"
        className="mt-4 inline-block text-sm font-medium text-blue-700 hover:underline dark:text-blue-400"
      >
        Back to all services
      </Link>
    </div>
  );
}
