-- CreateEnum
CREATE TYPE "CreditRatingStatus" AS ENUM ('draft', 'submitted', 'returned', 'approved', 'inPublicity', 'objection', 'final', 'superseded');

-- CreateEnum
CREATE TYPE "ReminderKind" AS ENUM ('notify', 'writtenNotice');

-- CreateEnum
CREATE TYPE "AnomalyKind" AS ENUM ('fraud', 'changedUse', 'familyEvent', 'businessProblem');

-- CreateEnum
CREATE TYPE "LossCaseStatus" AS ENUM ('open', 'settled');

-- CreateEnum
CREATE TYPE "LossShareStatus" AS ENUM ('pending', 'confirmed', 'paid');

-- CreateEnum
CREATE TYPE "FundEntryKind" AS ENUM ('deposit', 'payout', 'recoveryReturn', 'adjustment');

-- CreateEnum
CREATE TYPE "LoanChangeKind" AS ENUM ('extension', 'renewal', 'instalmentPlan');

-- CreateEnum
CREATE TYPE "LoanChangeStatus" AS ENUM ('requested', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "TrancheStatus" AS ENUM ('requested', 'approved', 'paid', 'rejected', 'halted');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "BlacklistStatus" ADD VALUE 'removalPending';
ALTER TYPE "BlacklistStatus" ADD VALUE 'rejected';

-- AlterTable
ALTER TABLE "BlacklistEntry" ADD COLUMN     "removalReason" TEXT,
ADD COLUMN     "removalRequestedById" TEXT;

-- CreateTable
CREATE TABLE "IndicatorSheet" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "sheet" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IndicatorSheet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditRating" (
    "id" TEXT NOT NULL,
    "serial" SERIAL NOT NULL,
    "countyId" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "sheetId" TEXT NOT NULL,
    "answers" JSONB NOT NULL,
    "score" DECIMAL(6,2) NOT NULL,
    "grade" "CreditGrade" NOT NULL,
    "status" "CreditRatingStatus" NOT NULL DEFAULT 'draft',
    "collectedById" TEXT NOT NULL,
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "ratedOn" DATE NOT NULL,
    "publicityRoundId" TEXT,
    "lastReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CreditRating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RatingPublicityRound" (
    "id" TEXT NOT NULL,
    "serial" SERIAL NOT NULL,
    "countyId" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "status" "PublicityStatus" NOT NULL DEFAULT 'open',
    "openedById" TEXT NOT NULL,
    "openedOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RatingPublicityRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RatingObjection" (
    "id" TEXT NOT NULL,
    "ratingId" TEXT NOT NULL,
    "objector" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "receivedOn" DATE NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "ObjectionStatus" NOT NULL DEFAULT 'open',
    "resolution" TEXT,
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "RatingObjection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditAreaStatus" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "level" "OrgLevel" NOT NULL,
    "isCredit" BOOLEAN NOT NULL,
    "ratio" DECIMAL(7,4) NOT NULL,
    "members" INTEGER NOT NULL,
    "credited" INTEGER NOT NULL,
    "since" DATE NOT NULL,
    "until" DATE,

    CONSTRAINT "CreditAreaStatus_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Repayment" (
    "id" TEXT NOT NULL,
    "loanId" TEXT NOT NULL,
    "bankId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "paidOn" DATE NOT NULL,
    "principal" DECIMAL(14,2) NOT NULL,
    "interest" DECIMAL(14,2) NOT NULL,
    "penalty" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Repayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "result" JSONB,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,
    "loanId" TEXT NOT NULL,
    "scheduleItemId" TEXT NOT NULL,
    "kind" "ReminderKind" NOT NULL,
    "dueDate" DATE NOT NULL,
    "raisedOn" DATE NOT NULL,
    "deliveredAt" TIMESTAMP(3),
    "deliveredById" TEXT,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageSurvey" (
    "id" TEXT NOT NULL,
    "loanId" TEXT NOT NULL,
    "surveyedOn" DATE NOT NULL,
    "fundsUse" TEXT NOT NULL,
    "businessStatus" TEXT NOT NULL,
    "notes" TEXT,
    "surveyedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageSurvey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnomalyReport" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,
    "villageId" TEXT,
    "loanId" TEXT,
    "householdId" TEXT,
    "kind" "AnomalyKind" NOT NULL,
    "description" TEXT NOT NULL,
    "reportedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnomalyReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LossCase" (
    "id" TEXT NOT NULL,
    "serial" SERIAL NOT NULL,
    "loanId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "scheme" TEXT NOT NULL,
    "unpaidPrincipal" DECIMAL(14,2) NOT NULL,
    "unpaidInterest" DECIMAL(14,2) NOT NULL,
    "loss" DECIMAL(14,2) NOT NULL,
    "bufferEndsOn" DATE NOT NULL,
    "splitDeadline" DATE NOT NULL,
    "status" "LossCaseStatus" NOT NULL DEFAULT 'open',
    "profileVersion" INTEGER NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settledAt" TIMESTAMP(3),

    CONSTRAINT "LossCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LossShare" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "party" TEXT NOT NULL,
    "ratio" DECIMAL(7,4) NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "status" "LossShareStatus" NOT NULL DEFAULT 'pending',
    "reference" TEXT,
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "paidAt" TIMESTAMP(3),

    CONSTRAINT "LossShare_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recovery" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "costs" DECIMAL(14,2) NOT NULL,
    "receivedOn" DATE NOT NULL,
    "fundDueBy" DATE,
    "fundPaidOn" DATE,
    "shares" JSONB NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Recovery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundLedgerEntry" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "kind" "FundEntryKind" NOT NULL,
    "amount" DECIMAL(16,2) NOT NULL,
    "occurredOn" DATE NOT NULL,
    "reference" TEXT,
    "lossCaseId" TEXT,
    "note" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FundLedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BreakerEvent" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "tripped" BOOLEAN NOT NULL,
    "ratio" DECIMAL(9,6) NOT NULL,
    "on" DATE NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BreakerEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoanChange" (
    "id" TEXT NOT NULL,
    "loanId" TEXT NOT NULL,
    "kind" "LoanChangeKind" NOT NULL,
    "status" "LoanChangeStatus" NOT NULL DEFAULT 'requested',
    "newMaturity" DATE,
    "details" JSONB,
    "reason" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoanChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tranche" (
    "id" TEXT NOT NULL,
    "loanId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "purpose" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "payee" TEXT,
    "status" "TrancheStatus" NOT NULL DEFAULT 'requested',
    "requestedById" TEXT NOT NULL,
    "decidedById" TEXT,
    "paidOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tranche_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SiteVisit" (
    "id" TEXT NOT NULL,
    "loanId" TEXT NOT NULL,
    "visitedOn" DATE NOT NULL,
    "findings" TEXT NOT NULL,
    "visitedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SiteVisit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorSheet_countyId_version_key" ON "IndicatorSheet"("countyId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "CreditRating_serial_key" ON "CreditRating"("serial");

-- CreateIndex
CREATE INDEX "CreditRating_householdId_status_idx" ON "CreditRating"("householdId", "status");

-- CreateIndex
CREATE INDEX "CreditRating_villageId_status_idx" ON "CreditRating"("villageId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "RatingPublicityRound_serial_key" ON "RatingPublicityRound"("serial");

-- CreateIndex
CREATE INDEX "RatingPublicityRound_villageId_idx" ON "RatingPublicityRound"("villageId");

-- CreateIndex
CREATE INDEX "RatingObjection_ratingId_status_idx" ON "RatingObjection"("ratingId", "status");

-- CreateIndex
CREATE INDEX "CreditAreaStatus_orgUnitId_since_idx" ON "CreditAreaStatus"("orgUnitId", "since");

-- CreateIndex
CREATE INDEX "Repayment_loanId_paidOn_idx" ON "Repayment"("loanId", "paidOn");

-- CreateIndex
CREATE UNIQUE INDEX "Repayment_bankId_reference_key" ON "Repayment"("bankId", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_name_date_key" ON "JobRun"("name", "date");

-- CreateIndex
CREATE INDEX "Reminder_townshipId_deliveredAt_idx" ON "Reminder"("townshipId", "deliveredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_scheduleItemId_kind_key" ON "Reminder"("scheduleItemId", "kind");

-- CreateIndex
CREATE INDEX "UsageSurvey_loanId_surveyedOn_idx" ON "UsageSurvey"("loanId", "surveyedOn");

-- CreateIndex
CREATE INDEX "AnomalyReport_countyId_createdAt_idx" ON "AnomalyReport"("countyId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LossCase_serial_key" ON "LossCase"("serial");

-- CreateIndex
CREATE UNIQUE INDEX "LossCase_loanId_key" ON "LossCase"("loanId");

-- CreateIndex
CREATE INDEX "LossCase_countyId_status_idx" ON "LossCase"("countyId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "LossShare_caseId_party_key" ON "LossShare"("caseId", "party");

-- CreateIndex
CREATE INDEX "Recovery_caseId_idx" ON "Recovery"("caseId");

-- CreateIndex
CREATE INDEX "FundLedgerEntry_countyId_occurredOn_idx" ON "FundLedgerEntry"("countyId", "occurredOn");

-- CreateIndex
CREATE INDEX "BreakerEvent_countyId_areaId_at_idx" ON "BreakerEvent"("countyId", "areaId", "at");

-- CreateIndex
CREATE INDEX "LoanChange_loanId_idx" ON "LoanChange"("loanId");

-- CreateIndex
CREATE UNIQUE INDEX "Tranche_loanId_seq_key" ON "Tranche"("loanId", "seq");

-- CreateIndex
CREATE INDEX "SiteVisit_loanId_visitedOn_idx" ON "SiteVisit"("loanId", "visitedOn");

-- AddForeignKey
ALTER TABLE "CreditRating" ADD CONSTRAINT "CreditRating_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "IndicatorSheet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditRating" ADD CONSTRAINT "CreditRating_publicityRoundId_fkey" FOREIGN KEY ("publicityRoundId") REFERENCES "RatingPublicityRound"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatingObjection" ADD CONSTRAINT "RatingObjection_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "CreditRating"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LossShare" ADD CONSTRAINT "LossShare_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "LossCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recovery" ADD CONSTRAINT "Recovery_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "LossCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

