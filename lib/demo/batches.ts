/**
 * Where the loader gets its batches: generated in this thread, or (opt-in, large fleets, TypeScript
 * source on disk as under tsx) in a worker thread so that generation and SQLite inserts can use
 * two cores. Same generator, same rows.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { DemoBatch, DemoOptions } from "./fleet";
import { generateDemoFleet } from "./fleet";

const WORKER_FILE = "generate-worker.ts";

function findWorkerFile(): string | null {
  try {
    // Resolved at run time (not `new URL(literal, import.meta.url)`) so bundlers leave it alone;
    // inside a Next.js bundle the file is not next to the chunk and we generate in-process.
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), WORKER_FILE);
    return fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/**
 * The worker file when BREAKEVEN_DEMO_WORKER=1. Opt-in: on a machine
 * whose second core is busy (measured: load average 2–4 on 2 cores) the worker saves nothing, since
 * the two threads then share one core; on an idle 2-core machine it overlaps generation with inserts.
 */
function canUseWorker(): string | null {
  return process.env.BREAKEVEN_DEMO_WORKER === "1" ? findWorkerFile() : null;
}

type WorkerMessage = { batch: DemoBatch } | { done: true } | { error: string };

/** Batches in order; the worker variant keeps at most two batches ahead of the consumer. */
export async function* listDemoBatches(options: DemoOptions): AsyncGenerator<DemoBatch> {
  const workerFile = canUseWorker();
  if (!workerFile) {
    yield* generateDemoFleet(options);
    return;
  }
  const { asOf, ...rest } = options;
  // Loader hooks from --import do not reach worker threads on Node 20, so the worker registers
  // tsx itself before importing the TypeScript entry.
  const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(
    pathToFileURL(workerFile).href,
  )}); })`;
  const worker = new Worker(bootstrap, {
    eval: true,
    execArgv: [],
    workerData: { options: { ...rest, asOfMs: asOf.getTime() } },
  });
  const queue: WorkerMessage[] = [];
  let notify: (() => void) | null = null;
  let failure: Error | null = null;
  worker.on("message", (message: WorkerMessage) => {
    queue.push(message);
    notify?.();
  });
  worker.on("error", (error) => {
    failure = error;
    notify?.();
  });
  worker.on("exit", (code) => {
    if (code !== 0) failure ??= new Error(`demo generator worker exited with code ${code}`);
    notify?.();
  });
  try {
    for (;;) {
      while (queue.length === 0 && !failure) await new Promise<void>((resolve) => (notify = resolve));
      notify = null;
      const message = queue.shift();
      if (!message) throw failure ?? new Error("demo generator worker stopped");
      if ("error" in message) throw new Error(`demo generator worker: ${message.error}`);
      if ("done" in message) return;
      yield message.batch;
      worker.postMessage("ack");
    }
  } finally {
    await worker.terminate();
  }
}
