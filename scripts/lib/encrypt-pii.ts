import pg from "pg";
import { decryptPii, encryptPii, isEncryptedPii, type PiiKeys, PiiError, piiHash } from "../../lib/server/pii";

const BATCH = 1000;
const CONSTRAINT = "Household_personal_data_encrypted";

export type EncryptPiiResult = { encrypted: number; validated: boolean };

/**
 * Run by `npm start` after the migrations: households written before personal data was encrypted
 * (migration household_pii) get their ID number and phone number encrypted and the ID number's
 * keyed hash filled, in batches of 1000, each batch one transaction; then the CHECK constraint
 * that refuses plaintext is validated for the whole table. Idempotent: with nothing left to do it
 * costs two queries. First it makes sure the key is the one the existing data was encrypted
 * with, and refuses to go on otherwise: a wrong key must not start a portal that cannot read its data.
 */
export async function encryptLegacyPersonalData(databaseUrl: string, keys: PiiKeys): Promise<EncryptPiiResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const sample = await client.query<{ idNumber: string }>(`SELECT "idNumber" FROM "Household" WHERE "idNumber" LIKE 'v1:%' LIMIT 1`);
    if (sample.rows[0]) {
      try {
        decryptPii(keys, "idNumber", sample.rows[0].idNumber);
      } catch (error) {
        if (!(error instanceof PiiError)) throw error;
        throw new Error("PII_KEY 与数据库中身份证号加密时所用的密钥不一致：请使用原来的密钥（PII_KEY 或数据目录中的 pii.key）。");
      }
    }
    let encrypted = 0;
    for (;;) {
      const { rows } = await client.query<{ id: string; idNumber: string; phone: string | null }>(
        `SELECT id, "idNumber", phone FROM "Household"
          WHERE "idNumberHash" IS NULL OR "idNumber" NOT LIKE 'v1:%' OR (phone IS NOT NULL AND phone NOT LIKE 'v1:%')
          ORDER BY id LIMIT ${BATCH}`,
      );
      if (rows.length === 0) break;
      const fixed = rows.map((r) => {
        const idNumber = isEncryptedPii(r.idNumber) ? decryptPii(keys, "idNumber", r.idNumber) : r.idNumber;
        return {
          id: r.id,
          idNumber: isEncryptedPii(r.idNumber) ? r.idNumber : encryptPii(keys, "idNumber", idNumber),
          hash: piiHash(keys, "idNumber", idNumber),
          phone: r.phone === null || isEncryptedPii(r.phone) ? r.phone : encryptPii(keys, "phone", r.phone),
        };
      });
      await client.query("BEGIN");
      try {
        await client.query(
          `UPDATE "Household" h SET "idNumber" = v.id_number, "idNumberHash" = v.hash, phone = v.phone
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(id, id_number, hash, phone)
            WHERE h.id = v.id`,
          [fixed.map((f) => f.id), fixed.map((f) => f.idNumber), fixed.map((f) => f.hash), fixed.map((f) => f.phone)],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      encrypted += rows.length;
    }
    if (encrypted > 0) {
      await client.query(
        `INSERT INTO "AuditEvent" (action, entity, "entityId", after) VALUES ('system.encryptPersonalData', 'Household', '*', $1::jsonb)`,
        [JSON.stringify({ households: encrypted, fields: ["idNumber", "phone"] })],
      );
    }
    const check = await client.query<{ convalidated: boolean }>(`SELECT convalidated FROM pg_constraint WHERE conname = $1`, [CONSTRAINT]);
    let validated = false;
    if (check.rows[0] && !check.rows[0].convalidated) {
      await client.query(`ALTER TABLE "Household" VALIDATE CONSTRAINT "${CONSTRAINT}"`);
      validated = true;
    }
    return { encrypted, validated };
  } finally {
    await client.end();
  }
}
