-- CreateTable
CREATE TABLE "ReconciliationSnapshot" (
    "windowDays" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "computedAt" DATETIME NOT NULL,
    "reportJson" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ResourceReconciliation" (
    "resourceArn" TEXT NOT NULL PRIMARY KEY,
    "windowDays" INTEGER NOT NULL,
    "billedNanoUsd" BIGINT NOT NULL,
    "sharedNanoUsd" BIGINT NOT NULL,
    "modelledUsd" REAL,
    "unknownRatesJson" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
