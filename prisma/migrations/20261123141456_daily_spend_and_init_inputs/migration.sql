-- AlterTable
ALTER TABLE "ResourceSummary" ADD COLUMN "durationCostNanoUsd" BIGINT;
ALTER TABLE "ResourceSummary" ADD COLUMN "initGbSeconds" REAL;
ALTER TABLE "ResourceSummary" ADD COLUMN "invokeGbSeconds" REAL;

-- CreateTable
CREATE TABLE "DailySpend" (
    "day" DATETIME NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "component" TEXT NOT NULL,
    "costNanoUsd" BIGINT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("day", "accountId", "region", "service", "component")
);
