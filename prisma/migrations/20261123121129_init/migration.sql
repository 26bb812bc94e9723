-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "roleArn" TEXT,
    "externalId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AccountRegion" (
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("accountId", "region"),
    CONSTRAINT "AccountRegion_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LambdaFunction" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LambdaFunction_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LambdaConfigChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "functionId" TEXT NOT NULL,
    "effectiveAt" DATETIME NOT NULL,
    "memoryMb" INTEGER NOT NULL,
    "architecture" TEXT NOT NULL,
    "timeoutSeconds" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LambdaConfigChange_functionId_fkey" FOREIGN KEY ("functionId") REFERENCES "LambdaFunction" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LambdaProvisionedConcurrency" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "functionId" TEXT NOT NULL,
    "qualifier" TEXT NOT NULL,
    "requestedCount" INTEGER NOT NULL,
    "allocatedCount" INTEGER,
    "activeHoursPerDay" REAL NOT NULL DEFAULT 24,
    "status" TEXT NOT NULL DEFAULT 'READY',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LambdaProvisionedConcurrency_functionId_fkey" FOREIGN KEY ("functionId") REFERENCES "LambdaFunction" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FargateService" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FargateService_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FargateServiceConfigChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "effectiveAt" DATETIME NOT NULL,
    "cpuUnits" INTEGER NOT NULL,
    "memoryMb" INTEGER NOT NULL,
    "architecture" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "FargateServiceConfigChange_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "FargateService" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MetricPoint" (
    "resourceArn" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "stat" TEXT NOT NULL,
    "granularity" TEXT NOT NULL,
    "timestamp" DATETIME NOT NULL,
    "value" REAL NOT NULL,
    "unit" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("resourceArn", "metric", "stat", "granularity", "timestamp")
);

-- CreateTable
CREATE TABLE "MemoryObservation" (
    "functionArn" TEXT NOT NULL,
    "memoryMb" INTEGER NOT NULL,
    "architecture" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "observedOn" DATETIME NOT NULL,
    "invocations" INTEGER NOT NULL,
    "durationAvgMs" REAL NOT NULL,
    "durationP50Ms" REAL,
    "durationP95Ms" REAL,
    "durationP99Ms" REAL,
    "maxMemoryUsedMb" INTEGER,
    "initDurationAvgMs" REAL,
    "coldStarts" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("functionArn", "memoryMb", "architecture", "source", "observedOn")
);

-- CreateTable
CREATE TABLE "CostLine" (
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "usageType" TEXT NOT NULL,
    "recordType" TEXT NOT NULL DEFAULT 'Usage',
    "resourceArn" TEXT NOT NULL DEFAULT '',
    "day" DATETIME NOT NULL,
    "component" TEXT NOT NULL,
    "amount" TEXT NOT NULL,
    "amountNanoUsd" BIGINT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "usageQuantity" REAL,
    "usageUnit" TEXT,
    "isEstimated" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("accountId", "region", "service", "usageType", "recordType", "resourceArn", "day")
);

-- CreateTable
CREATE TABLE "ResourceSummary" (
    "resourceArn" TEXT NOT NULL PRIMARY KEY,
    "resourceType" TEXT NOT NULL,
    "windowDays" INTEGER NOT NULL,
    "windowEnd" DATETIME NOT NULL,
    "costNanoUsd" BIGINT NOT NULL,
    "invocations" REAL,
    "durationP95Ms" REAL,
    "cpuUtilizationAvg" REAL,
    "memoryUtilizationAvg" REAL,
    "dailyCostJson" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "accountId" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "detailJson" TEXT NOT NULL DEFAULT '{}',
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Scenario" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "inputJson" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
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
