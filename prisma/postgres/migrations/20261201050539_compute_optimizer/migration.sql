-- CreateTable
CREATE TABLE "ComputeOptimizerRecommendation" (
    "resourceArn" TEXT NOT NULL,
    "qualifier" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL,
    "resourceKind" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "finding" TEXT NOT NULL,
    "findingReasonCodesJson" TEXT NOT NULL DEFAULT '[]',
    "currentMemoryMb" INTEGER,
    "recommendedMemoryMb" INTEGER,
    "currentCpuUnits" INTEGER,
    "recommendedCpuUnits" INTEGER,
    "projectedDurationExpectedMs" DOUBLE PRECISION,
    "projectedDurationLowerMs" DOUBLE PRECISION,
    "projectedDurationUpperMs" DOUBLE PRECISION,
    "estimatedMonthlySavingsAmount" DOUBLE PRECISION,
    "savingsCurrency" TEXT,
    "savingsOpportunityPercent" DOUBLE PRECISION,
    "invocations" DOUBLE PRECISION,
    "lookbackDays" DOUBLE PRECISION,
    "lastRefreshAt" TIMESTAMP(3),
    "importedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComputeOptimizerRecommendation_pkey" PRIMARY KEY ("resourceArn","qualifier","source")
);

-- CreateTable
CREATE TABLE "ComputeOptimizerState" (
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "resourceKind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "code" TEXT,
    "message" TEXT,
    "recommendations" INTEGER NOT NULL DEFAULT 0,
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComputeOptimizerState_pkey" PRIMARY KEY ("accountId","region","resourceKind")
);

-- CreateIndex
CREATE INDEX "ComputeOptimizerRecommendation_accountId_region_resourceKin_idx" ON "ComputeOptimizerRecommendation"("accountId", "region", "resourceKind");
