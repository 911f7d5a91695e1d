-- DropIndex
DROP INDEX "Loan_countyId_townshipId_villageId_kind_status_outstandingP_idx";

-- CreateIndex
CREATE INDEX "Loan_countyId_townshipId_villageId_kind_status_outstandingP_idx" ON "Loan"("countyId", "townshipId", "villageId", "kind", "status", "outstandingPrincipal", "id");

-- CreateIndex
CREATE INDEX "Loan_countyId_householdId_id_principal_disbursedOn_idx" ON "Loan"("countyId", "householdId", "id", "principal", "disbursedOn");

