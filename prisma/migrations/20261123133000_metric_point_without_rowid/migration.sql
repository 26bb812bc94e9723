-- MetricPoint becomes a WITHOUT ROWID table (SQLite only, the Prisma schema cannot express it and
-- introspection does not see it, so schema diffs are unaffected). Rows then live once, in the
-- primary-key B-tree, instead of a rowid table plus a copy of every key in the primary-key index:
-- about 40% less disk for the ~10M points of a 10,000-function fleet and one B-tree less per insert.
-- Every read of this table goes by its primary key (resource first), which is exactly that B-tree.
CREATE TABLE "new_MetricPoint" (
    "resourceArn" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "stat" TEXT NOT NULL,
    "granularity" TEXT NOT NULL,
    "timestamp" DATETIME NOT NULL,
    "value" REAL NOT NULL,
    "unit" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("resourceArn", "metric", "stat", "granularity", "timestamp")
) WITHOUT ROWID;
INSERT INTO "new_MetricPoint" ("resourceArn", "resourceType", "metric", "stat", "granularity", "timestamp", "value", "unit", "createdAt", "updatedAt")
SELECT "resourceArn", "resourceType", "metric", "stat", "granularity", "timestamp", "value", "unit", "createdAt", "updatedAt" FROM "MetricPoint";
DROP TABLE "MetricPoint";
ALTER TABLE "new_MetricPoint" RENAME TO "MetricPoint";
