-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "isLogsInsightsEnabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "profile" TEXT;

-- AlterTable
ALTER TABLE "AccountRegion" ADD COLUMN     "metricsFrom" TIMESTAMP(3),
ADD COLUMN     "metricsTo" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "callsJson" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "estimatedCostUsd" DOUBLE PRECISION,
ADD COLUMN     "heartbeatAt" TIMESTAMP(3),
ADD COLUMN     "issuesJson" TEXT NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "SyncLock" (
    "scope" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "heartbeatAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncLock_pkey" PRIMARY KEY ("scope")
);

-- CreateIndex
CREATE INDEX "SyncRun_accountId_startedAt_idx" ON "SyncRun"("accountId", "startedAt");
