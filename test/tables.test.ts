import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db/generated/sqlite/browser";
import { TABLES_CHILD_FIRST } from "./tables";

describe("TABLES_CHILD_FIRST", () => {
  it("names every model of the schema once", () => {
    const models = Object.values(Prisma.ModelName).map((name) => name[0]!.toLowerCase() + name.slice(1));
    expect([...TABLES_CHILD_FIRST].sort()).toEqual(models.sort());
  });
});
