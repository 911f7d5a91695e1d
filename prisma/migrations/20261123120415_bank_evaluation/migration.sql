-- CreateEnum
CREATE TYPE "BankEvaluationStatus" AS ENUM ('draft', 'approved');

-- CreateTable
CREATE TABLE "BankEvaluation" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "bankId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "items" JSONB NOT NULL,
    "item29Reason" TEXT,
    "structural" JSONB NOT NULL,
    "indicator" DECIMAL(6,2) NOT NULL,
    "total" DECIMAL(6,2) NOT NULL,
    "grade" TEXT NOT NULL,
    "status" "BankEvaluationStatus" NOT NULL DEFAULT 'draft',
    "selfAssessmentName" TEXT,
    "selfAssessmentType" TEXT,
    "selfAssessment" BYTEA,
    "createdById" TEXT NOT NULL,
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BankEvaluation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BankEvaluation_countyId_bankId_year_key" ON "BankEvaluation"("countyId", "bankId", "year");

