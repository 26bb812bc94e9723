-- CreateTable
CREATE TABLE "Recommendation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "resourceKind" TEXT NOT NULL,
    "resourceArn" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "resourceName" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "currentConfig" TEXT NOT NULL,
    "proposedConfig" TEXT NOT NULL,
    "proposedJson" TEXT NOT NULL,
    "currentMonthlyCostUsd" REAL,
    "proposedMonthlyCostUsd" REAL,
    "monthlySavingUsd" REAL,
    "savingPercent" REAL,
    "confidence" TEXT NOT NULL,
    "confidenceRank" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    "evidenceJson" TEXT NOT NULL,
    "assumptionsJson" TEXT NOT NULL,
    "risksJson" TEXT NOT NULL,
    "tagsJson" TEXT NOT NULL DEFAULT '{}',
    "isCurrent" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'open',
    "dismissReason" TEXT,
    "statusChangedAt" DATETIME,
    "statusActor" TEXT,
    "decidedSavingUsd" REAL,
    "decidedProposedJson" TEXT,
    "appliedAt" DATETIME,
    "realisedMonthlySavingUsd" REAL,
    "firstSeenAt" DATETIME NOT NULL,
    "computedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RecommendationEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "recommendationId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "reason" TEXT,
    "actor" TEXT NOT NULL,
    "monthlySavingUsd" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RecommendationEvent_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "Recommendation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecommendationRefresh" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "computedAt" DATETIME NOT NULL,
    "engineVersion" INTEGER NOT NULL,
    "items" INTEGER NOT NULL,
    "elapsedMs" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Recommendation_key_key" ON "Recommendation"("key");

-- CreateIndex
CREATE INDEX "Recommendation_isCurrent_status_monthlySavingUsd_idx" ON "Recommendation"("isCurrent", "status", "monthlySavingUsd");

-- CreateIndex
CREATE INDEX "Recommendation_accountId_region_idx" ON "Recommendation"("accountId", "region");

-- CreateIndex
CREATE INDEX "Recommendation_resourceArn_idx" ON "Recommendation"("resourceArn");

-- CreateIndex
CREATE INDEX "RecommendationEvent_recommendationId_at_idx" ON "RecommendationEvent"("recommendationId", "at");
