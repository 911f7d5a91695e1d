-- DropIndex
DROP INDEX "Repayment_loanId_paidOn_idx";

-- CreateIndex
CREATE INDEX "CreditAreaStatus_countyId_until_idx" ON "CreditAreaStatus"("countyId", "until");

-- CreateIndex
CREATE INDEX "Loan_countyId_townshipId_villageId_kind_status_outstandingP_idx" ON "Loan"("countyId", "townshipId", "villageId", "kind", "status", "outstandingPrincipal");

-- CreateIndex
CREATE INDEX "Repayment_loanId_paidOn_principal_idx" ON "Repayment"("loanId", "paidOn", "principal");

-- CreateIndex
CREATE INDEX "ScheduleItem_loanId_status_dueDate_idx" ON "ScheduleItem"("loanId", "status", "dueDate");

