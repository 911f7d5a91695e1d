-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "chainSeq" BIGINT,
ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT;

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "chain" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("chain")
);

-- CreateIndex
CREATE INDEX "AuditEvent_countyId_chainSeq_idx" ON "AuditEvent"("countyId", "chainSeq");


-- The digest of one audit row: the previous hash followed by every field of the row as a JSON
-- array (unambiguous, and jsonb's text form is canonical), SHA-256 in hex.
CREATE FUNCTION audit_event_digest(e "AuditEvent") RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(e."prevHash" || jsonb_build_array(
    e.id::text, e."chainSeq"::text, to_char(e.at, 'YYYY-MM-DD"T"HH24:MI:SS.US'), e."actorId", e."actorRole"::text,
    e."countyId", e.action, e.entity, e."entityId", e.before, e.after)::text, 'UTF8')), 'hex')
$$;

-- Appends every new audit row to its county's chain. The head row's lock is held until commit,
-- so appends to one chain are serial and the sequence has no gaps among committed rows.
CREATE FUNCTION audit_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  k text := coalesce(NEW."countyId", '-');
  head "AuditChainHead"%ROWTYPE;
BEGIN
  INSERT INTO "AuditChainHead" (chain, seq, hash) VALUES (k, 0, repeat('0', 64)) ON CONFLICT (chain) DO NOTHING;
  SELECT * INTO head FROM "AuditChainHead" WHERE chain = k FOR UPDATE;
  NEW."chainSeq" := head.seq + 1;
  NEW."prevHash" := head.hash;
  NEW.hash := audit_event_digest(NEW);
  UPDATE "AuditChainHead" SET seq = NEW."chainSeq", hash = NEW.hash WHERE chain = k;
  RETURN NEW;
END $$;

-- The trail is append-only: no UPDATE or DELETE by anyone going through the triggers, and no
-- TRUNCATE unless a maintenance session says so explicitly (the test suite's reset does).
CREATE FUNCTION audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' AND current_setting('microcredit.audit_maintenance', true) = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION '审计日志只能追加，不能修改或删除（%）', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

-- Rows written before the chain existed are chained once, in id order.
DO $$
DECLARE r RECORD; k text; head "AuditChainHead"%ROWTYPE;
BEGIN
  FOR r IN SELECT * FROM "AuditEvent" ORDER BY id LOOP
    k := coalesce(r."countyId", '-');
    INSERT INTO "AuditChainHead" (chain, seq, hash) VALUES (k, 0, repeat('0', 64)) ON CONFLICT (chain) DO NOTHING;
    SELECT * INTO head FROM "AuditChainHead" WHERE chain = k;
    r."chainSeq" := head.seq + 1;
    r."prevHash" := head.hash;
    r.hash := audit_event_digest(r::"AuditEvent");
    UPDATE "AuditEvent" SET "chainSeq" = r."chainSeq", "prevHash" = r."prevHash", hash = r.hash WHERE id = r.id;
    UPDATE "AuditChainHead" SET seq = r."chainSeq", hash = r.hash WHERE chain = k;
  END LOOP;
END $$;

CREATE TRIGGER audit_chain BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION audit_chain();
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON "AuditEvent" FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
