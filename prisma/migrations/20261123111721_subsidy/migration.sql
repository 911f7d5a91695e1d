-- CreateEnum
CREATE TYPE "SubsidyRunStatus" AS ENUM ('computed', 'reconciled', 'certified', 'approved', 'paid');

-- CreateEnum
CREATE TYPE "SubsidyKind" AS ENUM ('interest', 'enterprise', 'guaranteeFee');

-- CreateEnum
CREATE TYPE "StatementLineStatus" AS ENUM ('matched', 'differs', 'missingInPortal', 'missingInStatement', 'resolved');

-- CreateEnum
CREATE TYPE "ClawbackStatus" AS ENUM ('pending', 'active', 'applied');

-- CreateTable
CREATE TABLE "SubsidyRun" (
    "id" TEXT NOT NULL,
    "serial" SERIAL NOT NULL,
    "countyId" TEXT NOT NULL,
    "bankId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "quarter" INTEGER NOT NULL,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "status" "SubsidyRunStatus" NOT NULL DEFAULT 'computed',
    "total" DECIMAL(16,2) NOT NULL DEFAULT 0,
    "profileVersion" INTEGER NOT NULL,
    "computedById" TEXT,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "certifiedById" TEXT,
    "certifiedAt" TIMESTAMP(3),
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "paidOn" DATE,
    "voucherNumber" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "SubsidyRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubsidyLine" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "loanId" TEXT NOT NULL,
    "kind" "SubsidyKind" NOT NULL,
    "periodFrom" DATE NOT NULL,
    "periodTo" DATE NOT NULL,
    "days" INTEGER NOT NULL,
    "subsidisedDays" INTEGER NOT NULL,
    "rate" DECIMAL(8,6) NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "eligible" BOOLEAN NOT NULL,
    "reason" TEXT,
    "detail" JSONB,

    CONSTRAINT "SubsidyLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankStatementLine" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "contractNumber" TEXT NOT NULL,
    "loanId" TEXT,
    "bankAmount" DECIMAL(14,2),
    "portalAmount" DECIMAL(14,2),
    "status" "StatementLineStatus" NOT NULL,
    "resolution" TEXT,
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "BankStatementLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Clawback" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "householdId" TEXT,
    "loanId" TEXT NOT NULL,
    "subsidyLineId" TEXT NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "ClawbackStatus" NOT NULL DEFAULT 'pending',
    "createdById" TEXT NOT NULL,
    "approvedById" TEXT,
    "appliedInRunId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Clawback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SubsidyRun_serial_key" ON "SubsidyRun"("serial");

-- CreateIndex
CREATE UNIQUE INDEX "SubsidyRun_countyId_bankId_year_quarter_key" ON "SubsidyRun"("countyId", "bankId", "year", "quarter");

-- CreateIndex
CREATE INDEX "SubsidyLine_loanId_idx" ON "SubsidyLine"("loanId");

-- CreateIndex
CREATE INDEX "SubsidyLine_runId_idx" ON "SubsidyLine"("runId");

-- CreateIndex
CREATE INDEX "BankStatementLine_runId_idx" ON "BankStatementLine"("runId");

-- CreateIndex
CREATE INDEX "Clawback_countyId_status_idx" ON "Clawback"("countyId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Clawback_subsidyLineId_key" ON "Clawback"("subsidyLineId");

-- AddForeignKey
ALTER TABLE "SubsidyLine" ADD CONSTRAINT "SubsidyLine_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SubsidyRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankStatementLine" ADD CONSTRAINT "BankStatementLine_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SubsidyRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- No double subsidy (POLICY §6): one loan's lines of one kind never cover the same day twice.
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE "SubsidyLine" ADD CONSTRAINT "SubsidyLine_no_double_subsidy"
  EXCLUDE USING gist ("loanId" WITH =, "kind" WITH =, daterange("periodFrom", "periodTo", '[)') WITH &&);
