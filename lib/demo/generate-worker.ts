/**
 * Worker thread that generates the demo fleet while the main thread writes it (a 2-core machine
 * then simulates and inserts at the same time). Started by lib/demo/batches.ts for large fleets;
 * posts one batch at a time, at most two ahead of the writer, with the metric arrays transferred.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { DemoBatch, DemoOptions } from "./fleet";
import { generateDemoFleet } from "./fleet";

type WorkerInput = { options: Omit<DemoOptions, "asOf"> & { asOfMs: number } };

const MAX_BATCHES_AHEAD = 2;

async function run(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error("generate-worker must run in a worker thread");
  const { options } = workerData as WorkerInput;
  let inFlight = 0;
  let wake: (() => void) | null = null;
  port.on("message", () => {
    inFlight -= 1;
    wake?.();
    wake = null;
  });
  for (const batch of generateDemoFleet({ ...options, asOf: new Date(options.asOfMs) })) {
    const transfer: ArrayBuffer[] = [];
    const metricSeries = batch.metricSeries.map((series) => {
      const timestampsMs = Float64Array.from(series.timestampsMs);
      const values = Float64Array.from(series.values);
      transfer.push(timestampsMs.buffer, values.buffer);
      return { ...series, timestampsMs, values };
    });
    const message: DemoBatch = { ...batch, metricSeries };
    port.postMessage({ batch: message }, transfer);
    inFlight += 1;
    while (inFlight >= MAX_BATCHES_AHEAD) await new Promise<void>((resolve) => (wake = resolve));
  }
  port.postMessage({ done: true });
}

run().catch((error: unknown) => {
  parentPort?.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
});
