-- CreateTable
CREATE TABLE "ReconciliationSnapshot" (
    "windowDays" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "reportJson" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReconciliationSnapshot_pkey" PRIMARY KEY ("windowDays")
);

-- CreateTable
CREATE TABLE "ResourceReconciliation" (
    "resourceArn" TEXT NOT NULL,
    "windowDays" INTEGER NOT NULL,
    "billedNanoUsd" BIGINT NOT NULL,
    "sharedNanoUsd" BIGINT NOT NULL,
    "modelledUsd" DOUBLE PRECISION,
    "unknownRatesJson" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ResourceReconciliation_pkey" PRIMARY KEY ("resourceArn")
);
