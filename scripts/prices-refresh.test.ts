import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_PRICE_BOOK } from "@/lib/pricing/default-price-book";
import { parsePricesRefreshArgs } from "./prices-refresh";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("npm run prices:refresh arguments", () => {
  it("defaults to every region of the current book and a dated snapshot", () => {
    expect(parsePricesRefreshArgs([], "2026-12-01")).toEqual({
      regions: Object.keys(DEFAULT_PRICE_BOOK.regions).sort(),
      outFile: path.join(ROOT, "lib", "pricing", "data", "aws-prices-2026-12-01.json"),
      isDryRun: false,
      shouldActivate: false,
      isOverwriteAllowed: false,
      today: "2026-12-01",
    });
  });

  it("reads every flag", () => {
    expect(
      parsePricesRefreshArgs(
        [
          "--regions",
          "us-east-1, eu-west-1,us-gov-west-1",
          "--out=/tmp/x.json",
          "--endpoint",
          "http://127.0.0.1:9",
          "--dry-run",
          "--activate",
          "--force",
        ],
        "2026-12-01",
      ),
    ).toEqual({
      regions: ["us-east-1", "eu-west-1", "us-gov-west-1"],
      outFile: "/tmp/x.json",
      endpoint: "http://127.0.0.1:9",
      isDryRun: true,
      shouldActivate: true,
      isOverwriteAllowed: true,
      today: "2026-12-01",
    });
    expect(parsePricesRefreshArgs(["--help"])).toBeNull();
  });

  it.each([
    [["--regions", "us-east-1,Mars"], "--regions must be region codes separated by commas"],
    [
      ["--regions"],
      "--regions must be region codes separated by commas (e.g. us-east-1,eu-west-1); got no value",
    ],
    [["--dry-run=yes"], '--dry-run takes no value (or =true/=false); got "yes"'],
    [["--fast"], "unknown flag --fast"],
  ])("refuses %j in one line naming the flag", (argv, message) => {
    expect(() => parsePricesRefreshArgs(argv)).toThrow(message);
  });
});
