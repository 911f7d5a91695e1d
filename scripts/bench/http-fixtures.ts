/**
 * What the HTTP bench (./http.ts) needs in the database: where to work (a county with loans, one
 * of its banks, one of its villages), the records its writes go to, and its own users with a
 * known password. It reads whatever data is there (the bench province, or the demo county for a
 * standalone run) and adds only the three users.
 */
import pg from "pg";

/** The bench users' password (they are created or reset by every run). */
export const HTTP_BENCH_PASSWORD = "Bench@Http2026";
export const HTTP_BENCH_USERS = { county: "bench_http_xian", bank: "bench_http_yinhang", cadre: "bench_http_cun" } as const;
export type BenchRole = keyof typeof HTTP_BENCH_USERS;

const RFC_UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";

export type BenchScope = {
  countyId: string;
  bankId: string;
  villageId: string;
  /** A township of the county, for the dashboard's drill-down. */
  townshipId: string;
  /** Repaying loans of the bank with principal left: each mixed-run repayment takes the next. */
  loanIds: string[];
  /** Households of the village, for application drafts. */
  householdIds: string[];
};

/**
 * The bank (and its county) with the most repaying loans, the county's village with the most
 * households, and the records the mixed run writes to. Fails when there are no loans at all.
 */
export async function findBenchScope(db: pg.Client): Promise<BenchScope> {
  const top = await db.query<{ countyId: string; bankId: string }>(
    `SELECT "countyId", "bankId" FROM "Loan" WHERE status = 'repaying' AND "outstandingPrincipal" >= 100
     GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1`,
  );
  if (top.rowCount === 0) throw new Error("HTTP 压测需要有在还贷款的数据（例如全省压测数据）；当前数据库中没有。");
  const { countyId, bankId } = top.rows[0];
  // Forms check ids as RFC 9562 UUIDs (zod's uuid()): drafts need households whose id is one.
  const village = await db.query<{ villageId: string; townshipId: string }>(
    `SELECT "villageId", "townshipId" FROM "Household" WHERE "countyId" = $1
     GROUP BY 1, 2 ORDER BY count(*) FILTER (WHERE id ~ $2) DESC, count(*) DESC, 1 LIMIT 1`,
    [countyId, RFC_UUID],
  );
  if (village.rowCount === 0) throw new Error("HTTP 压测需要该县有农户数据。");
  const loans = await db.query<{ id: string }>(
    `SELECT id FROM "Loan" WHERE "bankId" = $1 AND status = 'repaying' AND "outstandingPrincipal" >= 100 ORDER BY id LIMIT 5000`,
    [bankId],
  );
  const households = await db.query<{ id: string }>(`SELECT id FROM "Household" WHERE "villageId" = $1 AND id ~ $2 ORDER BY id LIMIT 200`, [
    village.rows[0].villageId,
    RFC_UUID,
  ]);
  if (households.rowCount === 0) throw new Error("HTTP 压测找不到 id 为标准 UUID 的农户（申请表单只接受这样的 id）。");
  return {
    countyId,
    bankId,
    villageId: village.rows[0].villageId,
    townshipId: village.rows[0].townshipId,
    loanIds: loans.rows.map((r) => r.id),
    householdIds: households.rows.map((r) => r.id),
  };
}

/**
 * Creates the three bench users, or resets them to a known state: active, not locked, no failed
 * sign-ins, no password change pending. `passwordHash` is HTTP_BENCH_PASSWORD hashed by the
 * portal's own lib/server/auth/passwords.ts.
 */
export async function ensureBenchUsers(db: pg.Client, scope: BenchScope, passwordHash: string) {
  const rows: { username: string; displayName: string; role: string; orgUnitId: string; bankId: string | null }[] = [
    { username: HTTP_BENCH_USERS.county, displayName: "压测县级用户", role: "county_officer", orgUnitId: scope.countyId, bankId: null },
    { username: HTTP_BENCH_USERS.bank, displayName: "压测银行用户", role: "bank_officer", orgUnitId: scope.countyId, bankId: scope.bankId },
    { username: HTTP_BENCH_USERS.cadre, displayName: "压测村级用户", role: "village_cadre", orgUnitId: scope.villageId, bankId: null },
  ];
  for (const u of rows) {
    await db.query(
      `INSERT INTO "User" (id, username, "passwordHash", "displayName", role, "orgUnitId", "bankId", "updatedAt")
       VALUES (gen_random_uuid()::text, $1, $2, $3, $4::"Role", $5, $6, now())
       ON CONFLICT (username) DO UPDATE SET "passwordHash" = EXCLUDED."passwordHash", "displayName" = EXCLUDED."displayName",
         role = EXCLUDED.role, "orgUnitId" = EXCLUDED."orgUnitId", "bankId" = EXCLUDED."bankId", active = true,
         "failedLoginCount" = 0, "lockedUntil" = NULL, "mustChangePassword" = false, "updatedAt" = now()`,
      [u.username, passwordHash, u.displayName, u.role, u.orgUnitId, u.bankId],
    );
  }
}

/**
 * For a standalone run on the demo data, which has no loans yet: ten disbursed loans per village
 * of the demo county (its two banks alternating by township), 30,000 yuan over 24 months from
 * `disbursedOn`, interest quarterly on the 20th of Mar/Jun/Sep/Dec and principal at maturity,
 * the instalments due before `today` paid. Does nothing when the county already has loans.
 */
export async function addDemoLoans(db: pg.Client, o: { countyCode: string; disbursedOn: string; today: string }) {
  const found = await db.query<{ id: string }>(`SELECT id FROM "OrgUnit" WHERE code = $1`, [o.countyCode]);
  if (found.rowCount === 0) throw new Error(`没有区划代码为 ${o.countyCode} 的县。`);
  const countyId = found.rows[0].id;
  const existing = await db.query(`SELECT 1 FROM "Loan" WHERE "countyId" = $1 LIMIT 1`, [countyId]);
  if (existing.rowCount) return;
  // CREATE TABLE AS takes no bind parameters: the id (read from the database) is quoted instead.
  const county = db.escapeLiteral(countyId);
  await db.query("BEGIN");
  try {
    await db.query(
      `CREATE TEMP TABLE bench_demo_loan ON COMMIT DROP AS
       WITH banks AS (SELECT array_agg(id ORDER BY name) AS ids FROM "Bank" WHERE "countyId" = ${county}),
       h AS (SELECT h.id, h."villageId", h."townshipId", row_number() OVER (PARTITION BY h."villageId" ORDER BY h.id) AS k,
               dense_rank() OVER (ORDER BY h."townshipId") AS trank
             FROM "Household" h WHERE h."countyId" = ${county})
       SELECT gen_random_uuid()::text AS id, gen_random_uuid()::text AS app_id, h.id AS household_id, h."villageId" AS village_id,
         h."townshipId" AS township_id, banks.ids[1 + (h.trank - 1) % array_length(banks.ids, 1)] AS bank_id,
         'DEMO-HT-' || lpad((row_number() OVER (ORDER BY h."villageId", h.id))::text, 4, '0') AS contract
       FROM h, banks WHERE h.k <= 10`,
    );
    await db.query(
      `INSERT INTO "Application" (id, kind, status, "countyId", "townshipId", "villageId", "householdId", amount, "termMonths", purpose,
         "projectDescription", "repaymentSource", "createdById", "updatedAt")
       SELECT app_id, 'household', 'disbursed', $1, township_id, village_id, household_id, 30000, 24, 'breeding', '养牛', '出栏收入', 'bench', now()
       FROM bench_demo_loan`,
      [countyId],
    );
    await db.query(
      `INSERT INTO "Loan" (id, "applicationId", kind, "countyId", "townshipId", "villageId", "householdId", "bankId", "contractNumber",
         principal, rate, "termMonths", "disbursedOn", "maturityDate", status, "outstandingPrincipal", "updatedAt")
       SELECT id, app_id, 'household', $1, township_id, village_id, household_id, bank_id, contract, 30000, 0.0435, 24,
         $2::date, ($2::date + interval '24 months')::date, 'repaying', 30000, now()
       FROM bench_demo_loan`,
      [countyId, o.disbursedOn],
    );
    // Interest dates: every 20th of Mar/Jun/Sep/Dec after disbursement and before maturity, then maturity.
    await db.query(
      `INSERT INTO "ScheduleItem" (id, "loanId", seq, "dueDate", "principalDue", "interestDue", "principalPaid", "interestPaid", status)
       SELECT gen_random_uuid()::text, l.id, row_number() OVER (PARTITION BY l.id ORDER BY d.due), d.due,
         CASE WHEN d.last THEN 30000 ELSE 0 END, 326.25,
         CASE WHEN d.due < $2::date AND d.last THEN 30000 ELSE 0 END, CASE WHEN d.due < $2::date THEN 326.25 ELSE 0 END,
         (CASE WHEN d.due < $2::date THEN 'paid' ELSE 'due' END)::"ScheduleItemStatus"
       FROM bench_demo_loan l
       CROSS JOIN LATERAL (
         SELECT q::date AS due, false AS last FROM generate_series($1::date, ($1::date + interval '24 months')::date - 1, interval '1 day') q
           WHERE extract(day FROM q) = 20 AND extract(month FROM q) IN (3, 6, 9, 12)
         UNION ALL SELECT ($1::date + interval '24 months')::date, true) d`,
      [o.disbursedOn, o.today],
    );
    await db.query("COMMIT");
  } catch (error) {
    await db.query("ROLLBACK");
    throw error;
  }
}
