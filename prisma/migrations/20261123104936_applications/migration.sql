-- CreateEnum
CREATE TYPE "CreditGrade" AS ENUM ('AAA', 'AA', 'A', 'B', 'C');

-- CreateEnum
CREATE TYPE "ApplicationKind" AS ENUM ('household', 'enterprise');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('draft', 'submitted', 'returned', 'townshipReviewed', 'inPublicity', 'objection', 'publicityPassed', 'countyApproved', 'countyRejected', 'batched', 'bankApproved', 'bankRejected', 'disbursed', 'withdrawn', 'objectionUpheld');

-- CreateEnum
CREATE TYPE "EnterpriseKind" AS ENUM ('leadingEnterprise', 'cooperative');

-- CreateEnum
CREATE TYPE "AttachmentKind" AS ENUM ('applicationForm', 'cooperationAgreement', 'fourPartyAgreement', 'useOfFundsPlan', 'other');

-- CreateEnum
CREATE TYPE "PublicityStatus" AS ENUM ('open', 'closed');

-- CreateEnum
CREATE TYPE "ObjectionStatus" AS ENUM ('open', 'upheld', 'dismissed');

-- CreateEnum
CREATE TYPE "BankDecisionOutcome" AS ENUM ('approved', 'declined');

-- CreateEnum
CREATE TYPE "LoanStatus" AS ENUM ('repaying', 'overdue', 'inBuffer', 'claim', 'split', 'writtenOffCaseKept', 'repaid', 'extended', 'renewed');

-- CreateEnum
CREATE TYPE "ScheduleItemStatus" AS ENUM ('due', 'paid', 'partial', 'overdue');

-- CreateEnum
CREATE TYPE "BlacklistStatus" AS ENUM ('pending', 'active', 'removed');

-- AlterTable
ALTER TABLE "Household" ADD COLUMN     "creditGrade" "CreditGrade",
ADD COLUMN     "creditGradedOn" DATE;

-- CreateTable
CREATE TABLE "Enterprise" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "creditCode" CHAR(18) NOT NULL,
    "legalRepresentative" TEXT NOT NULL,
    "kind" "EnterpriseKind" NOT NULL,
    "agricultural" BOOLEAN NOT NULL,
    "operatingSince" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Enterprise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL,
    "serial" SERIAL NOT NULL,
    "kind" "ApplicationKind" NOT NULL,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'draft',
    "countyId" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,
    "villageId" TEXT,
    "householdId" TEXT,
    "enterpriseId" TEXT,
    "amount" DECIMAL(14,2) NOT NULL,
    "termMonths" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,
    "projectDescription" TEXT NOT NULL,
    "repaymentSource" TEXT NOT NULL,
    "cooperationPartner" TEXT,
    "requestedRate" DECIMAL(8,6),
    "largeLoan" BOOLEAN NOT NULL DEFAULT false,
    "profileVersion" INTEGER,
    "createdById" TEXT NOT NULL,
    "submittedById" TEXT,
    "submittedAt" TIMESTAMP(3),
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "lastReason" TEXT,
    "publicityRoundId" TEXT,
    "batchId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationHousehold" (
    "applicationId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,

    CONSTRAINT "ApplicationHousehold_pkey" PRIMARY KEY ("applicationId","householdId")
);

-- CreateTable
CREATE TABLE "ApplicationEvent" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorName" TEXT,
    "actorRole" "Role",
    "event" TEXT NOT NULL,
    "fromStatus" "ApplicationStatus",
    "toStatus" "ApplicationStatus" NOT NULL,
    "comment" TEXT,

    CONSTRAINT "ApplicationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "kind" "AttachmentKind" NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FourPartyAgreement" (
    "applicationId" TEXT NOT NULL,
    "parties" TEXT NOT NULL,
    "signedOn" DATE NOT NULL,

    CONSTRAINT "FourPartyAgreement_pkey" PRIMARY KEY ("applicationId")
);

-- CreateTable
CREATE TABLE "UseOfFundsPlan" (
    "applicationId" TEXT NOT NULL,
    "schedule" TEXT NOT NULL,
    "milestones" TEXT NOT NULL,
    "categories" TEXT NOT NULL,

    CONSTRAINT "UseOfFundsPlan_pkey" PRIMARY KEY ("applicationId")
);

-- CreateTable
CREATE TABLE "PublicityRound" (
    "id" TEXT NOT NULL,
    "serial" SERIAL NOT NULL,
    "countyId" TEXT NOT NULL,
    "townshipId" TEXT,
    "status" "PublicityStatus" NOT NULL DEFAULT 'open',
    "openedById" TEXT NOT NULL,
    "openedOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "objectionContact" TEXT NOT NULL,
    "issuingUnit" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublicityRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Objection" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "publicityRoundId" TEXT,
    "objector" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "receivedOn" DATE NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "ObjectionStatus" NOT NULL DEFAULT 'open',
    "resolution" TEXT,
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "Objection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Batch" (
    "id" TEXT NOT NULL,
    "serial" SERIAL NOT NULL,
    "countyId" TEXT NOT NULL,
    "bankId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "sentOn" DATE NOT NULL,
    "deadline" DATE NOT NULL,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankDecision" (
    "applicationId" TEXT NOT NULL,
    "outcome" "BankDecisionOutcome" NOT NULL,
    "declineReason" TEXT,
    "contractNumber" TEXT,
    "approvedAmount" DECIMAL(14,2),
    "rate" DECIMAL(8,6),
    "termMonths" INTEGER,
    "disbursementDate" DATE,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankDecision_pkey" PRIMARY KEY ("applicationId")
);

-- CreateTable
CREATE TABLE "Loan" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "kind" "ApplicationKind" NOT NULL,
    "countyId" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,
    "villageId" TEXT,
    "householdId" TEXT,
    "enterpriseId" TEXT,
    "bankId" TEXT NOT NULL,
    "contractNumber" TEXT NOT NULL,
    "principal" DECIMAL(14,2) NOT NULL,
    "rate" DECIMAL(8,6) NOT NULL,
    "termMonths" INTEGER NOT NULL,
    "disbursedOn" DATE NOT NULL,
    "maturityDate" DATE NOT NULL,
    "status" "LoanStatus" NOT NULL DEFAULT 'repaying',
    "outstandingPrincipal" DECIMAL(14,2) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Loan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScheduleItem" (
    "id" TEXT NOT NULL,
    "loanId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "dueDate" DATE NOT NULL,
    "principalDue" DECIMAL(14,2) NOT NULL,
    "interestDue" DECIMAL(14,2) NOT NULL,
    "principalPaid" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "interestPaid" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "status" "ScheduleItemStatus" NOT NULL DEFAULT 'due',

    CONSTRAINT "ScheduleItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BlacklistEntry" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "householdId" TEXT,
    "enterpriseId" TEXT,
    "reason" TEXT NOT NULL,
    "evidence" TEXT,
    "status" "BlacklistStatus" NOT NULL DEFAULT 'pending',
    "addedById" TEXT NOT NULL,
    "approvedById" TEXT,
    "removedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BlacklistEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Enterprise_countyId_creditCode_key" ON "Enterprise"("countyId", "creditCode");

-- CreateIndex
CREATE UNIQUE INDEX "Application_serial_key" ON "Application"("serial");

-- CreateIndex
CREATE INDEX "Application_countyId_status_idx" ON "Application"("countyId", "status");

-- CreateIndex
CREATE INDEX "Application_townshipId_status_idx" ON "Application"("townshipId", "status");

-- CreateIndex
CREATE INDEX "Application_villageId_status_idx" ON "Application"("villageId", "status");

-- CreateIndex
CREATE INDEX "Application_householdId_idx" ON "Application"("householdId");

-- CreateIndex
CREATE INDEX "ApplicationEvent_applicationId_at_idx" ON "ApplicationEvent"("applicationId", "at");

-- CreateIndex
CREATE INDEX "Attachment_applicationId_idx" ON "Attachment"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "PublicityRound_serial_key" ON "PublicityRound"("serial");

-- CreateIndex
CREATE INDEX "PublicityRound_countyId_idx" ON "PublicityRound"("countyId");

-- CreateIndex
CREATE INDEX "Objection_applicationId_status_idx" ON "Objection"("applicationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Batch_serial_key" ON "Batch"("serial");

-- CreateIndex
CREATE INDEX "Batch_countyId_idx" ON "Batch"("countyId");

-- CreateIndex
CREATE INDEX "Batch_bankId_idx" ON "Batch"("bankId");

-- CreateIndex
CREATE UNIQUE INDEX "Loan_applicationId_key" ON "Loan"("applicationId");

-- CreateIndex
CREATE INDEX "Loan_countyId_status_idx" ON "Loan"("countyId", "status");

-- CreateIndex
CREATE INDEX "Loan_villageId_status_idx" ON "Loan"("villageId", "status");

-- CreateIndex
CREATE INDEX "Loan_householdId_status_idx" ON "Loan"("householdId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Loan_bankId_contractNumber_key" ON "Loan"("bankId", "contractNumber");

-- CreateIndex
CREATE INDEX "ScheduleItem_dueDate_status_idx" ON "ScheduleItem"("dueDate", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ScheduleItem_loanId_seq_key" ON "ScheduleItem"("loanId", "seq");

-- CreateIndex
CREATE INDEX "BlacklistEntry_householdId_status_idx" ON "BlacklistEntry"("householdId", "status");

-- CreateIndex
CREATE INDEX "BlacklistEntry_enterpriseId_status_idx" ON "BlacklistEntry"("enterpriseId", "status");

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_publicityRoundId_fkey" FOREIGN KEY ("publicityRoundId") REFERENCES "PublicityRound"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationHousehold" ADD CONSTRAINT "ApplicationHousehold_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationEvent" ADD CONSTRAINT "ApplicationEvent_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FourPartyAgreement" ADD CONSTRAINT "FourPartyAgreement_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UseOfFundsPlan" ADD CONSTRAINT "UseOfFundsPlan_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_publicityRoundId_fkey" FOREIGN KEY ("publicityRoundId") REFERENCES "PublicityRound"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankDecision" ADD CONSTRAINT "BankDecision_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Loan" ADD CONSTRAINT "Loan_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduleItem" ADD CONSTRAINT "ScheduleItem_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

