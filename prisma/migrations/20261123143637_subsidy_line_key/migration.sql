-- No double subsidy (POLICY §6), re-keyed for speed: the exclusion constraint stays on
-- "SubsidyLine" and keeps its name and meaning — one loan's lines of one kind never cover the
-- same day twice — but compares a loan by md5("loanId") cast to uuid instead of by the text
-- itself. btree_gist's text support detoasts, copies and collates every key it touches and made
-- a quarter run of 400,000 loans (800,000 lines) spend over a minute here; a 16-byte uuid is
-- compared with memcmp (a run of 800,000 lines: 107 s → 13 s for the constraint).
--
-- Still exact in the direction that matters: equal loan ids always have equal hashes, so every
-- double subsidy is refused. Two different ids would only collide with md5 output equal in all
-- 128 bits — for the portal's own random ids a chance of about n² / 2^129 (below 10^-26 for a
-- province's 400,000 loans) — and the only effect would be a refused run, never a paid one.
ALTER TABLE "SubsidyLine" DROP CONSTRAINT "SubsidyLine_no_double_subsidy";
ALTER TABLE "SubsidyLine" ADD CONSTRAINT "SubsidyLine_no_double_subsidy"
  EXCLUDE USING gist ((md5("loanId")::uuid) WITH =, "kind" WITH =, daterange("periodFrom", "periodTo", '[)') WITH &&);
