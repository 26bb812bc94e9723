-- AlterTable
ALTER TABLE "ResourceSummary" ADD COLUMN     "durationCostNanoUsd" BIGINT,
ADD COLUMN     "initGbSeconds" DOUBLE PRECISION,
ADD COLUMN     "invokeGbSeconds" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "DailySpend" (
    "day" TIMESTAMP(3) NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "component" TEXT NOT NULL,
    "costNanoUsd" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DailySpend_pkey" PRIMARY KEY ("day","accountId","region","service","component")
);
