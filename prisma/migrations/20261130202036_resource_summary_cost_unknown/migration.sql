-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ResourceSummary" (
    "resourceArn" TEXT NOT NULL PRIMARY KEY,
    "resourceType" TEXT NOT NULL,
    "windowDays" INTEGER NOT NULL,
    "windowEnd" DATETIME NOT NULL,
    "costNanoUsd" BIGINT,
    "invocations" REAL,
    "durationP95Ms" REAL,
    "cpuUtilizationAvg" REAL,
    "memoryUtilizationAvg" REAL,
    "dailyCostJson" TEXT NOT NULL,
    "durationCostNanoUsd" BIGINT,
    "invokeGbSeconds" REAL,
    "initGbSeconds" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ResourceSummary" ("costNanoUsd", "cpuUtilizationAvg", "createdAt", "dailyCostJson", "durationCostNanoUsd", "durationP95Ms", "initGbSeconds", "invocations", "invokeGbSeconds", "memoryUtilizationAvg", "resourceArn", "resourceType", "updatedAt", "windowDays", "windowEnd") SELECT "costNanoUsd", "cpuUtilizationAvg", "createdAt", "dailyCostJson", "durationCostNanoUsd", "durationP95Ms", "initGbSeconds", "invocations", "invokeGbSeconds", "memoryUtilizationAvg", "resourceArn", "resourceType", "updatedAt", "windowDays", "windowEnd" FROM "ResourceSummary";
DROP TABLE "ResourceSummary";
ALTER TABLE "new_ResourceSummary" RENAME TO "ResourceSummary";
CREATE INDEX "ResourceSummary_resourceType_costNanoUsd_idx" ON "ResourceSummary"("resourceType", "costNanoUsd");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
