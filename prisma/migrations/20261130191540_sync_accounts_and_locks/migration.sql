-- AlterTable
ALTER TABLE "AccountRegion" ADD COLUMN "metricsFrom" DATETIME;
ALTER TABLE "AccountRegion" ADD COLUMN "metricsTo" DATETIME;

-- CreateTable
CREATE TABLE "SyncLock" (
    "scope" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "heartbeatAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Account" ("createdAt", "externalId", "id", "isDemo", "name", "roleArn", "updatedAt") SELECT "createdAt", "externalId", "id", "isDemo", "name", "roleArn", "updatedAt" FROM "Account";
DROP TABLE "Account";
ALTER TABLE "new_Account" RENAME TO "Account";
CREATE TABLE "new_SyncRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "accountId" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "detailJson" TEXT NOT NULL DEFAULT '{}',
    "issuesJson" TEXT NOT NULL DEFAULT '[]',
    "callsJson" TEXT NOT NULL DEFAULT '{}',
    "estimatedCostUsd" REAL,
    "heartbeatAt" DATETIME,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_SyncRun" ("accountId", "createdAt", "detailJson", "error", "finishedAt", "id", "kind", "startedAt", "status", "updatedAt") SELECT "accountId", "createdAt", "detailJson", "error", "finishedAt", "id", "kind", "startedAt", "status", "updatedAt" FROM "SyncRun";
DROP TABLE "SyncRun";
ALTER TABLE "new_SyncRun" RENAME TO "SyncRun";
CREATE INDEX "SyncRun_startedAt_idx" ON "SyncRun"("startedAt");
CREATE INDEX "SyncRun_accountId_startedAt_idx" ON "SyncRun"("accountId", "startedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
