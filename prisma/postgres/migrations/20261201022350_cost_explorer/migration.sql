-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "costFinalTo" TIMESTAMP(3),
ADD COLUMN     "costFrom" TIMESTAMP(3),
ADD COLUMN     "costTo" TIMESTAMP(3),
ADD COLUMN     "isCostExplorerEnabled" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "CostLine" ADD COLUMN     "amortizedAmount" TEXT,
ADD COLUMN     "amortizedNanoUsd" BIGINT;
