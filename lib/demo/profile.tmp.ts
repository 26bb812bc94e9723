import { generateDemoFleet, resolveDemoOptions, countPoints } from "@/lib/demo/fleet";
const t = performance.now();
const c0 = process.cpuUsage();
const by: Record<string, number> = {};
for (const b of generateDemoFleet(
  resolveDemoOptions({ functions: 3000, services: 300, asOf: new Date("2026-11-01T00:00:00Z") }),
)) {
  const m = countPoints(b.metricSeries.filter((s) => s.resourceType === "lambda"));
  const f = countPoints(b.metricSeries.filter((s) => s.resourceType === "fargate"));
  by.lambdaMetrics = (by.lambdaMetrics ?? 0) + m;
  by.fargateMetrics = (by.fargateMetrics ?? 0) + f;
  by.lambdaHourly =
    (by.lambdaHourly ?? 0) +
    countPoints(b.metricSeries.filter((s) => s.resourceType === "lambda" && s.granularity === "hour"));
  by.cost = (by.cost ?? 0) + b.costLines.length;
  by.obs = (by.obs ?? 0) + b.memoryObservations.length;
}
const c = process.cpuUsage(c0);
console.log(
  "gen s",
  (performance.now() - t) / 1000,
  "cpu",
  (c.user + c.system) / 1e6,
  by,
  "total",
  Object.entries(by)
    .filter(([k]) => k !== "lambdaHourly")
    .reduce((a, [, v]) => a + v, 0),
);
