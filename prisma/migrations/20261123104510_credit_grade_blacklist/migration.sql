-- CreateEnum
CREATE TYPE "CreditGrade" AS ENUM ('AAA', 'AA', 'A', 'B', 'C');

-- CreateEnum
CREATE TYPE "BlacklistStatus" AS ENUM ('pending', 'active', 'removed');

-- AlterTable
ALTER TABLE "Household" ADD COLUMN     "creditGrade" "CreditGrade",
ADD COLUMN     "creditGradedOn" DATE;

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
CREATE INDEX "BlacklistEntry_householdId_status_idx" ON "BlacklistEntry"("householdId", "status");

-- CreateIndex
CREATE INDEX "BlacklistEntry_enterpriseId_status_idx" ON "BlacklistEntry"("enterpriseId", "status");

