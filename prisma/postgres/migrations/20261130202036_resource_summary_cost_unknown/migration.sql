-- AlterTable
ALTER TABLE "ResourceSummary" ALTER COLUMN "costNanoUsd" DROP NOT NULL;
