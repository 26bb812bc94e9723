-- AlterTable
ALTER TABLE "CostLine" ADD COLUMN "amortizedAmount" TEXT;
ALTER TABLE "CostLine" ADD COLUMN "amortizedNanoUsd" BIGINT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "roleArn" TEXT,
    "externalId" TEXT,
    "profile" TEXT,
    "isLogsInsightsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "isCostExplorerEnabled" BOOLEAN NOT NULL DEFAULT true,
    "costFrom" DATETIME,
    "costTo" DATETIME,
    "costFinalTo" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Account" ("createdAt", "externalId", "id", "isDemo", "isLogsInsightsEnabled", "name", "profile", "roleArn", "updatedAt") SELECT "createdAt", "externalId", "id", "isDemo", "isLogsInsightsEnabled", "name", "profile", "roleArn", "updatedAt" FROM "Account";
DROP TABLE "Account";
ALTER TABLE "new_Account" RENAME TO "Account";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
