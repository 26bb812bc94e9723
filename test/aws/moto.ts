/**
 * A throwaway moto server (https://github.com/getmoto/moto, `pip install "moto[server]"`) for tests
 * of code that talks to AWS through the SDK: `moto_server -H 127.0.0.1 -p <free port>`, polled until
 * it answers, stopped with SIGTERM (then SIGKILL) and killed when the test process exits.
 *
 * Nothing listens beyond 127.0.0.1 and nothing here can reach real AWS: `awsTestEnv` points every
 * SDK client at the local endpoint with fake keys and empty config files, so a developer's
 * ~/.aws profile is never read.
 *
 * What moto 5.2.1 does and does not emulate is written at the top of test/aws/seed-moto.ts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "../pg-harness";

/** The account moto answers for with the default `testing` keys. */
export const MOTO_ACCOUNT_ID = "123456789012";
export const MOTO_REGION = "us-east-1";

const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 3_000;

/** The moto_server executable on PATH, or null. */
export function findMotoServer(): string | null {
  const names = process.platform === "win32" ? ["moto_server.exe", "moto_server.cmd"] : ["moto_server"];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        fs.accessSync(file, fs.constants.X_OK);
        if (fs.statSync(file).isFile()) return file;
      } catch {
        // not here
      }
    }
  }
  return null;
}

export function isMotoAvailable(): boolean {
  return findMotoServer() !== null;
}

/** Why moto tests cannot run here, or null when they can. */
export function getMotoUnavailableReason(): string | null {
  if (isMotoAvailable()) return null;
  return 'moto_server is not on PATH; install it with `pip install "moto[server]==5.2.1"` to run these tests';
}

/**
 * null when moto can run; otherwise the reason to skip — except with CI=true, where a missing
 * moto_server must fail the run, so this throws.
 */
export function motoSkipReason(): string | null {
  const reason = getMotoUnavailableReason();
  if (reason !== null && process.env.CI === "true") throw new Error(`CI=true but ${reason}`);
  return reason;
}

export { findFreePort };

export type MotoServer = {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  port: number;
  /** SIGTERM, then SIGKILL after a grace period. Safe to call twice. */
  stop(): Promise<void>;
  /** Forgets every resource of every account (POST /moto-api/reset). */
  reset(): Promise<void>;
};

/** Every moto process still running, killed synchronously if the test process exits first. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Detached: the child leads its own process group, so this also reaches a pyenv shim's python.
    process.kill(process.platform === "win32" ? child.pid : -child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const child of running) killGroup(child, "SIGKILL");
  });
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastError = "";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `moto_server exited (${child.exitCode ?? child.signalCode}) before answering:\n${log()}`,
      );
    try {
      const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `moto_server did not answer on ${endpoint} within ${START_TIMEOUT_MS / 1000} s (${lastError}):\n${log()}`,
  );
}

export async function startMoto(): Promise<MotoServer> {
  const binary = findMotoServer();
  if (!binary) throw new Error(getMotoUnavailableReason() ?? "no moto_server");
  const port = await findFreePort();
  const endpoint = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(binary, ["-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: process.platform !== "win32",
    // moto itself must not find credentials or regions of the developer either.
    env: childEnv(endpoint),
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-8_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  running.add(child);
  installExitHook();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => running.delete(child));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child, "SIGTERM");
    const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), STOP_GRACE_MS));
    if ((await Promise.race([exited.then(() => "exited" as const), timer])) === "timeout") {
      killGroup(child, "SIGKILL");
      await exited;
    }
  };

  try {
    await waitUntilAnswering(endpoint, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    endpoint,
    port,
    stop,
    async reset() {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
    },
  };
}

/** The environment for moto itself: our fake keys and empty config, no endpoint override. */
function childEnv(endpoint: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(awsTestEnv(endpoint))) {
    if (value === "" || name === "AWS_ENDPOINT_URL") delete env[name];
    else env[name] = value;
  }
  return env;
}

let emptyConfigDir: string | null = null;

/** A directory holding empty `config` and `credentials` files, made once per process. */
function emptyAwsConfigDir(): string {
  if (emptyConfigDir && fs.existsSync(emptyConfigDir)) return emptyConfigDir;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "breakeven-aws-empty-"));
  fs.writeFileSync(path.join(dir, "config"), "");
  fs.writeFileSync(path.join(dir, "credentials"), "");
  emptyConfigDir = dir;
  return dir;
}

/**
 * Environment variables that point the AWS SDK's default chains at `endpoint` with fake keys. Values
 * that are "" clear a variable of the developer's environment that would otherwise win (a profile, a
 * session token, a service-specific endpoint, a web identity or container credentials).
 */
export function awsTestEnv(endpoint: string, region = MOTO_REGION): Record<string, string> {
  const dir = emptyAwsConfigDir();
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_SESSION_TOKEN: "",
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONFIG_FILE: path.join(dir, "config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "credentials"),
    AWS_PROFILE: "",
    AWS_DEFAULT_PROFILE: "",
    AWS_ROLE_ARN: "",
    AWS_WEB_IDENTITY_TOKEN_FILE: "",
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "",
    AWS_CONTAINER_CREDENTIALS_FULL_URI: "",
    AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "",
    AWS_ENDPOINT_URL_STS: "",
    AWS_ENDPOINT_URL_LAMBDA: "",
    AWS_ENDPOINT_URL_ECS: "",
    AWS_ENDPOINT_URL_CLOUDWATCH: "",
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: "",
    AWS_ENDPOINT_URL_IAM: "",
    AWS_ENDPOINT_URL_COST_EXPLORER: "",
  };
}

/**
 * Applies awsTestEnv to process.env (deleting the variables it sets to "") and returns a function
 * that restores the previous values. For tests of code that builds its SDK clients from the
 * environment.
 */
export function applyAwsTestEnv(endpoint: string, region = MOTO_REGION): () => void {
  const vars = awsTestEnv(endpoint, region);
  const previous = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(vars)) {
    previous.set(name, process.env[name]);
    if (value === "") delete process.env[name];
    else process.env[name] = value;
  }
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
