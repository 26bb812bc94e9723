-- CreateTable
CREATE TABLE "Recommendation" (
    "id" SERIAL NOT NULL,
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
    "currentMonthlyCostUsd" DOUBLE PRECISION,
    "proposedMonthlyCostUsd" DOUBLE PRECISION,
    "monthlySavingUsd" DOUBLE PRECISION,
    "savingPercent" DOUBLE PRECISION,
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
    "statusChangedAt" TIMESTAMP(3),
    "statusActor" TEXT,
    "decidedSavingUsd" DOUBLE PRECISION,
    "decidedProposedJson" TEXT,
    "appliedAt" TIMESTAMP(3),
    "realisedMonthlySavingUsd" DOUBLE PRECISION,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Recommendation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecommendationEvent" (
    "id" SERIAL NOT NULL,
    "recommendationId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "reason" TEXT,
    "actor" TEXT NOT NULL,
    "monthlySavingUsd" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommendationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecommendationRefresh" (
    "id" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "engineVersion" INTEGER NOT NULL,
    "items" INTEGER NOT NULL,
    "elapsedMs" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RecommendationRefresh_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "RecommendationEvent" ADD CONSTRAINT "RecommendationEvent_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "Recommendation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
