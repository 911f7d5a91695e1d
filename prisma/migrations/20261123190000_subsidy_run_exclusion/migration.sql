-- No double subsidy (POLICY §6, P-Risk 三(二)), enforced per run instead of per line, with the
-- same strength: a loan's lines of one kind never cover the same day twice.
--
--   1. Two runs of one bank never cover the same day (exclusion constraint on "SubsidyRun"; a
--      second overlapping run waits for the first and is refused when it commits).
--   2. A run holds at most one line per loan and kind (unique index).
--   3. A line covers exactly its run's days, for a loan of its run's bank (statement trigger,
--      checked once per INSERT or COPY against the whole set of new lines).
--   4. A run's bank and days, and a loan's bank, never change (row triggers).
--
-- So two lines of one loan and kind are either in one run (2 refuses it) or in two runs of the
-- loan's bank (3), whose days are disjoint (1). The line-level GiST exclusion this replaces cost
-- about 22 µs a line (half of a quarter run's database time for 400,000 loans); these cost one
-- btree entry a line and one set-based check per statement.

ALTER TABLE "SubsidyRun" ADD CONSTRAINT "SubsidyRun_no_double_subsidy"
  EXCLUDE USING gist ("bankId" WITH =, daterange("periodFrom", "periodTo", '[)') WITH &&);

DROP INDEX "SubsidyLine_loanId_idx";
CREATE UNIQUE INDEX "SubsidyLine_loanId_kind_runId_key" ON "SubsidyLine"("loanId", "kind", "runId");

CREATE FUNCTION subsidy_line_matches_run() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT n."loanId", n."runId", l.id IS NULL AS "noLoan" INTO bad
  FROM new_lines n
  JOIN "SubsidyRun" r ON r.id = n."runId"
  LEFT JOIN "Loan" l ON l.id = n."loanId"
  WHERE l.id IS NULL OR l."bankId" <> r."bankId" OR n."periodFrom" <> r."periodFrom" OR n."periodTo" <> r."periodTo"
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'SubsidyLine_matches_run: line of loan % in run % %', bad."loanId", bad."runId",
      CASE WHEN bad."noLoan" THEN 'names no loan' ELSE 'is for another bank or other days than its run' END
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "SubsidyLine_matches_run_insert" AFTER INSERT ON "SubsidyLine"
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION subsidy_line_matches_run();
CREATE TRIGGER "SubsidyLine_matches_run_update" AFTER UPDATE ON "SubsidyLine"
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION subsidy_line_matches_run();

CREATE FUNCTION refuse_key_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'check_violation';
END
$$;

CREATE TRIGGER "SubsidyRun_fixed_bank_and_days" BEFORE UPDATE OF "bankId", "periodFrom", "periodTo" ON "SubsidyRun"
  FOR EACH ROW WHEN (OLD."bankId" IS DISTINCT FROM NEW."bankId" OR OLD."periodFrom" IS DISTINCT FROM NEW."periodFrom" OR OLD."periodTo" IS DISTINCT FROM NEW."periodTo")
  EXECUTE FUNCTION refuse_key_change('SubsidyRun_fixed_bank_and_days: a subsidy run''s bank and days never change');
CREATE TRIGGER "Loan_fixed_bank" BEFORE UPDATE OF "bankId" ON "Loan"
  FOR EACH ROW WHEN (OLD."bankId" IS DISTINCT FROM NEW."bankId")
  EXECUTE FUNCTION refuse_key_change('Loan_fixed_bank: a loan''s lending bank never changes');

ALTER TABLE "SubsidyLine" DROP CONSTRAINT "SubsidyLine_no_double_subsidy";
