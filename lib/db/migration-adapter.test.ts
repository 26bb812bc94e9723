import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import { describe, expect, it } from "vitest";
import { isExclusiveLockingStatement, toEngineReadableError } from "./migration-adapter";

describe("toEngineReadableError", () => {
  it("turns the adapter's SocketTimeout (SQLITE_BUSY) into the sqlite kind the schema engine reads", () => {
    const busy = new DriverAdapterError({
      kind: "SocketTimeout",
      originalCode: "SQLITE_BUSY",
      originalMessage: "database is locked",
    });
    const readable = toEngineReadableError(busy) as DriverAdapterError;
    expect(readable.cause).toEqual({
      kind: "sqlite",
      extendedCode: 5,
      message: "database is locked",
      originalCode: "SQLITE_BUSY",
      originalMessage: "database is locked",
    });
  });

  it("leaves every other error as it is", () => {
    const unique = new DriverAdapterError({
      kind: "UniqueConstraintViolation",
      constraint: { fields: ["id"] },
    });
    const plain = new Error("boom");
    expect(toEngineReadableError(unique)).toBe(unique);
    expect(toEngineReadableError(plain)).toBe(plain);
  });
});

describe("isExclusiveLockingStatement", () => {
  it("recognises the schema engine's exclusive-connection pragma", () => {
    expect(isExclusiveLockingStatement({ sql: "PRAGMA main.locking_mode=EXCLUSIVE", args: [] })).toBe(true);
    expect(isExclusiveLockingStatement({ sql: "pragma locking_mode = exclusive;", args: [] })).toBe(true);
  });

  it("lets everything else through", () => {
    expect(isExclusiveLockingStatement({ sql: "PRAGMA main.locking_mode=NORMAL", args: [] })).toBe(false);
    expect(isExclusiveLockingStatement({ sql: "SELECT 1", args: [] })).toBe(false);
    expect(isExclusiveLockingStatement(null)).toBe(false);
  });
});
