-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "roleArn" TEXT,
    "externalId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountRegion" (
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccountRegion_pkey" PRIMARY KEY ("accountId","region")
);

-- CreateTable
CREATE TABLE "LambdaFunction" (
    "id" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "runtime" TEXT,
    "architecture" TEXT NOT NULL,
    "memoryMb" INTEGER NOT NULL,
    "timeoutSeconds" INTEGER NOT NULL,
    "ephemeralStorageMb" INTEGER NOT NULL DEFAULT 512,
    "packageType" TEXT NOT NULL DEFAULT 'Zip',
    "snapStart" BOOLEAN NOT NULL DEFAULT false,
    "tagsJson" TEXT NOT NULL DEFAULT '{}',
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LambdaFunction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LambdaConfigChange" (
    "id" TEXT NOT NULL,
    "functionId" TEXT NOT NULL,
    "effectiveAt" TIMESTAMP(3) NOT NULL,
    "memoryMb" INTEGER NOT NULL,
    "architecture" TEXT NOT NULL,
    "timeoutSeconds" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LambdaConfigChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LambdaProvisionedConcurrency" (
    "id" TEXT NOT NULL,
    "functionId" TEXT NOT NULL,
    "qualifier" TEXT NOT NULL,
    "requestedCount" INTEGER NOT NULL,
    "allocatedCount" INTEGER,
    "activeHoursPerDay" DOUBLE PRECISION NOT NULL DEFAULT 24,
    "status" TEXT NOT NULL DEFAULT 'READY',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LambdaProvisionedConcurrency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FargateService" (
    "id" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "clusterName" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "taskDefinitionArn" TEXT NOT NULL,
    "cpuUnits" INTEGER NOT NULL,
    "memoryMb" INTEGER NOT NULL,
    "os" TEXT NOT NULL DEFAULT 'linux',
    "architecture" TEXT NOT NULL DEFAULT 'x86_64',
    "ephemeralStorageGb" INTEGER NOT NULL DEFAULT 20,
    "onDemandWeight" INTEGER NOT NULL DEFAULT 1,
    "spotWeight" INTEGER NOT NULL DEFAULT 0,
    "desiredCount" INTEGER NOT NULL,
    "runningCount" INTEGER NOT NULL,
    "tagsJson" TEXT NOT NULL DEFAULT '{}',
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FargateService_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FargateServiceConfigChange" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "effectiveAt" TIMESTAMP(3) NOT NULL,
    "cpuUnits" INTEGER NOT NULL,
    "memoryMb" INTEGER NOT NULL,
    "architecture" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FargateServiceConfigChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricPoint" (
    "resourceArn" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "stat" TEXT NOT NULL,
    "granularity" TEXT NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "unit" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MetricPoint_pkey" PRIMARY KEY ("resourceArn","metric","stat","granularity","timestamp")
);

-- CreateTable
CREATE TABLE "MemoryObservation" (
    "functionArn" TEXT NOT NULL,
    "memoryMb" INTEGER NOT NULL,
    "architecture" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "observedOn" TIMESTAMP(3) NOT NULL,
    "invocations" INTEGER NOT NULL,
    "durationAvgMs" DOUBLE PRECISION NOT NULL,
    "durationP50Ms" DOUBLE PRECISION,
    "durationP95Ms" DOUBLE PRECISION,
    "durationP99Ms" DOUBLE PRECISION,
    "maxMemoryUsedMb" INTEGER,
    "initDurationAvgMs" DOUBLE PRECISION,
    "coldStarts" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MemoryObservation_pkey" PRIMARY KEY ("functionArn","memoryMb","architecture","source","observedOn")
);

-- CreateTable
CREATE TABLE "CostLine" (
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "usageType" TEXT NOT NULL,
    "recordType" TEXT NOT NULL DEFAULT 'Usage',
    "resourceArn" TEXT NOT NULL DEFAULT '',
    "day" TIMESTAMP(3) NOT NULL,
    "component" TEXT NOT NULL,
    "amount" TEXT NOT NULL,
    "amountNanoUsd" BIGINT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "usageQuantity" DOUBLE PRECISION,
    "usageUnit" TEXT,
    "isEstimated" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CostLine_pkey" PRIMARY KEY ("accountId","region","service","usageType","recordType","resourceArn","day")
);

-- CreateTable
CREATE TABLE "ResourceSummary" (
    "resourceArn" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "windowDays" INTEGER NOT NULL,
    "windowEnd" TIMESTAMP(3) NOT NULL,
    "costNanoUsd" BIGINT NOT NULL,
    "invocations" DOUBLE PRECISION,
    "durationP95Ms" DOUBLE PRECISION,
    "cpuUtilizationAvg" DOUBLE PRECISION,
    "memoryUtilizationAvg" DOUBLE PRECISION,
    "dailyCostJson" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ResourceSummary_pkey" PRIMARY KEY ("resourceArn")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "accountId" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "detailJson" TEXT NOT NULL DEFAULT '{}',
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Scenario" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "inputJson" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Scenario_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LambdaFunction_arn_key" ON "LambdaFunction"("arn");

-- CreateIndex
CREATE INDEX "LambdaFunction_accountId_region_idx" ON "LambdaFunction"("accountId", "region");

-- CreateIndex
CREATE INDEX "LambdaFunction_name_idx" ON "LambdaFunction"("name");

-- CreateIndex
CREATE UNIQUE INDEX "LambdaConfigChange_functionId_effectiveAt_key" ON "LambdaConfigChange"("functionId", "effectiveAt");

-- CreateIndex
CREATE UNIQUE INDEX "LambdaProvisionedConcurrency_functionId_qualifier_key" ON "LambdaProvisionedConcurrency"("functionId", "qualifier");

-- CreateIndex
CREATE UNIQUE INDEX "FargateService_arn_key" ON "FargateService"("arn");

-- CreateIndex
CREATE INDEX "FargateService_accountId_region_idx" ON "FargateService"("accountId", "region");

-- CreateIndex
CREATE INDEX "FargateService_name_idx" ON "FargateService"("name");

-- CreateIndex
CREATE UNIQUE INDEX "FargateServiceConfigChange_serviceId_effectiveAt_key" ON "FargateServiceConfigChange"("serviceId", "effectiveAt");

-- CreateIndex
CREATE INDEX "MetricPoint_resourceType_granularity_timestamp_idx" ON "MetricPoint"("resourceType", "granularity", "timestamp");

-- CreateIndex
CREATE INDEX "CostLine_resourceArn_day_idx" ON "CostLine"("resourceArn", "day");

-- CreateIndex
CREATE INDEX "CostLine_day_idx" ON "CostLine"("day");

-- CreateIndex
CREATE INDEX "ResourceSummary_resourceType_costNanoUsd_idx" ON "ResourceSummary"("resourceType", "costNanoUsd");

-- CreateIndex
CREATE INDEX "SyncRun_startedAt_idx" ON "SyncRun"("startedAt");

-- CreateIndex
CREATE INDEX "Scenario_updatedAt_idx" ON "Scenario"("updatedAt");

-- AddForeignKey
ALTER TABLE "AccountRegion" ADD CONSTRAINT "AccountRegion_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LambdaFunction" ADD CONSTRAINT "LambdaFunction_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LambdaConfigChange" ADD CONSTRAINT "LambdaConfigChange_functionId_fkey" FOREIGN KEY ("functionId") REFERENCES "LambdaFunction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LambdaProvisionedConcurrency" ADD CONSTRAINT "LambdaProvisionedConcurrency_functionId_fkey" FOREIGN KEY ("functionId") REFERENCES "LambdaFunction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FargateService" ADD CONSTRAINT "FargateService_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FargateServiceConfigChange" ADD CONSTRAINT "FargateServiceConfigChange_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "FargateService"("id") ON DELETE CASCADE ON UPDATE CASCADE;
