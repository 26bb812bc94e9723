import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDemoArgs } from "@/scripts/demo";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("npm run demo arguments", () => {
  it("parses every flag, with a space or an equals sign", () => {
    expect(
      parseDemoArgs(["--functions", "10000", "--services=1000", "--seed", "7", "--days", "30", "--quiet"]),
    ).toEqual({
      options: { functions: 10_000, services: 1_000, seed: 7, days: 30 },
      isRemove: false,
      isQuiet: true,
    });
    expect(parseDemoArgs(["--remove"]).isRemove).toBe(true);
    expect(parseDemoArgs(["--as-of", "2026-11-01", "--hourly-days", "3"]).options).toEqual({
      asOf: new Date("2026-11-01T00:00:00.000Z"),
      hourlyDays: 3,
    });
    const runId = "demo-0f8e2b4c-5d6a-4e7f-8a9b-0c1d2e3f4a5b";
    expect(parseDemoArgs([`--run-id=${runId}`, "--quiet=false"])).toEqual({
      options: {},
      isRemove: false,
      isQuiet: false,
      runId,
    });
    expect(parseDemoArgs(["--help"]).isHelp).toBe(true);
  });

  it.each([
    [["--functions", "abc"], '--functions must be a whole number from 0 to 20000; got "abc"'],
    [["--functions", "2.5"], '--functions must be a whole number from 0 to 20000; got "2.5"'],
    [["--services", "5000"], '--services must be a whole number from 0 to 2000; got "5000"'],
    [["--days"], "--days must be a whole number from 1 to 400; got no value"],
    [["--days", "0"], '--days must be a whole number from 1 to 400; got "0"'],
    [["--days", "5", "--days", "6"], "--days is given twice"],
    [["--as-of", "2026-02-30"], '--as-of must be a UTC date YYYY-MM-DD (e.g. 2026-11-01); got "2026-02-30"'],
    [
      ["--run-id", "demo-1"],
      '--run-id must be the id of a run the server reserved (e.g. demo-<uuid>); got "demo-1"',
    ],
    [["--remove=maybe"], '--remove takes no value (or =true/=false); got "maybe"'],
    [["--fast"], "unknown flag --fast for `npm run demo --`"],
    [["10"], 'unexpected argument "10" for `npm run demo --`'],
  ])("rejects %j naming the flag and its range", (argv, message) => {
    expect(() => parseDemoArgs(argv)).toThrow(message);
  });

  it("exits 2 with one line on stderr for a bad flag, before touching any database", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/demo.ts", "--functions", "-3"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/never" },
      encoding: "utf8",
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([
      'demo: --functions must be a whole number from 0 to 20000; got "-3"',
    ]);
  });

  it("exits 2 when hourly days exceed days", () => {
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/demo.ts", "--days", "5", "--hourly-days", "9"],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/never" },
        encoding: "utf8",
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe("demo: --hourly-days must be from 0 to --days (5); got 9");
  });
});
