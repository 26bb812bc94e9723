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
    "projectedDurationExpectedMs" REAL,
    "projectedDurationLowerMs" REAL,
    "projectedDurationUpperMs" REAL,
    "estimatedMonthlySavingsAmount" REAL,
    "savingsCurrency" TEXT,
    "savingsOpportunityPercent" REAL,
    "invocations" REAL,
    "lookbackDays" REAL,
    "lastRefreshAt" DATETIME,
    "importedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("resourceArn", "qualifier", "source")
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
    "checkedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("accountId", "region", "resourceKind")
);

-- CreateIndex
CREATE INDEX "ComputeOptimizerRecommendation_accountId_region_resourceKind_idx" ON "ComputeOptimizerRecommendation"("accountId", "region", "resourceKind");
