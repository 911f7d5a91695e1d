-- CreateEnum
CREATE TYPE "Role" AS ENUM ('village_cadre', 'township_officer', 'county_officer', 'bank_officer', 'finance_officer', 'auditor', 'admin');

-- CreateEnum
CREATE TYPE "OrgLevel" AS ENUM ('county', 'township', 'village');

-- CreateEnum
CREATE TYPE "HouseholdStatus" AS ENUM ('registeredPoor', 'exitedPoverty', 'monitored', 'marginal', 'misregistered', 'none');

-- CreateEnum
CREATE TYPE "LabourCapacity" AS ENUM ('full', 'partial', 'none');

-- CreateEnum
CREATE TYPE "CalendarDayKind" AS ENUM ('holiday', 'workday');

-- CreateEnum
CREATE TYPE "RateKind" AS ENUM ('benchmark', 'lpr');

-- CreateEnum
CREATE TYPE "PolicyProfileStatus" AS ENUM ('draft', 'active', 'retired');

-- CreateTable
CREATE TABLE "OrgUnit" (
    "id" TEXT NOT NULL,
    "code" CHAR(12) NOT NULL,
    "name" TEXT NOT NULL,
    "level" "OrgLevel" NOT NULL,
    "parentId" TEXT,
    "countyId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrgUnit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "phone" TEXT,
    "role" "Role" NOT NULL,
    "orgUnitId" TEXT,
    "bankId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "failedLoginCount" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "passwordChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordHistory" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrgUnitNameHistory" (
    "id" TEXT NOT NULL,
    "orgUnitId" TEXT NOT NULL,
    "oldName" TEXT NOT NULL,
    "newName" TEXT NOT NULL,
    "changedById" TEXT,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrgUnitNameHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Bank" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "branch" TEXT,
    "contact" TEXT,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Bank_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankTownship" (
    "bankId" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,

    CONSTRAINT "BankTownship_pkey" PRIMARY KEY ("bankId","townshipId")
);

-- CreateTable
CREATE TABLE "Household" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "headName" TEXT NOT NULL,
    "idNumber" VARCHAR(18) NOT NULL,
    "phone" TEXT,
    "address" TEXT,
    "status" "HouseholdStatus" NOT NULL,
    "membersCount" INTEGER NOT NULL,
    "labourCapacity" "LabourCapacity" NOT NULL,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Household_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyProfile" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "PolicyProfileStatus" NOT NULL DEFAULT 'draft',
    "effectiveFrom" DATE,
    "settings" JSONB NOT NULL,
    "createdById" TEXT,
    "activatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activatedAt" TIMESTAMP(3),

    CONSTRAINT "PolicyProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "kind" "CalendarDayKind" NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateFixing" (
    "id" TEXT NOT NULL,
    "kind" "RateKind" NOT NULL,
    "term" TEXT NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "rate" DECIMAL(8,6) NOT NULL,

    CONSTRAINT "RateFixing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorRole" "Role",
    "countyId" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "failedCount" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrgUnit_code_key" ON "OrgUnit"("code");

-- CreateIndex
CREATE INDEX "OrgUnit_parentId_idx" ON "OrgUnit"("parentId");

-- CreateIndex
CREATE INDEX "OrgUnit_countyId_level_idx" ON "OrgUnit"("countyId", "level");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_orgUnitId_idx" ON "User"("orgUnitId");

-- CreateIndex
CREATE INDEX "PasswordHistory_userId_createdAt_idx" ON "PasswordHistory"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "OrgUnitNameHistory_orgUnitId_idx" ON "OrgUnitNameHistory"("orgUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "Bank_countyId_name_key" ON "Bank"("countyId", "name");

-- CreateIndex
CREATE INDEX "Household_villageId_headName_idx" ON "Household"("villageId", "headName");

-- CreateIndex
CREATE INDEX "Household_townshipId_idx" ON "Household"("townshipId");

-- CreateIndex
CREATE UNIQUE INDEX "Household_countyId_idNumber_key" ON "Household"("countyId", "idNumber");

-- CreateIndex
CREATE INDEX "PolicyProfile_countyId_status_effectiveFrom_idx" ON "PolicyProfile"("countyId", "status", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyProfile_countyId_version_key" ON "PolicyProfile"("countyId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarDay_countyId_date_key" ON "CalendarDay"("countyId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "RateFixing_kind_term_effectiveFrom_key" ON "RateFixing"("kind", "term", "effectiveFrom");

-- CreateIndex
CREATE INDEX "AuditEvent_entity_entityId_idx" ON "AuditEvent"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_countyId_at_idx" ON "AuditEvent"("countyId", "at");

-- AddForeignKey
ALTER TABLE "OrgUnit" ADD CONSTRAINT "OrgUnit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "OrgUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_bankId_fkey" FOREIGN KEY ("bankId") REFERENCES "Bank"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordHistory" ADD CONSTRAINT "PasswordHistory_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankTownship" ADD CONSTRAINT "BankTownship_bankId_fkey" FOREIGN KEY ("bankId") REFERENCES "Bank"("id") ON DELETE RESTRICT ON UPDATE CASCADE;




-- The audit trail is append-only: the application can insert, never change or remove.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent rows are append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_no_update_delete
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
