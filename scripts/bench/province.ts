/**
 * The benchmark's province (issue 8 item 5): 100 counties, 2,000 townships, 40,000 villages,
 * 1,000,000 households with credit grades, 400,000 household loans with their quarterly schedules
 * and two years of repayments, three partner banks per county, an active policy profile, the risk
 * compensation fund's ledger, loss-sharing cases and three paid subsidy quarters per county, so
 * that every figure of the county overview is a real one.
 *
 * Everything is set-based SQL (generate_series) except the households' ID numbers and phone
 * numbers, which the database only accepts encrypted (lib/server/pii.ts): Node encrypts them and
 * COPYs them into a staging table while PostgreSQL generates the loans on another connection.
 * Identifiers are UUID-shaped (md5 of the unit's coordinates), as long as the portal's own.
 *
 * The data is as of BENCH_TODAY: run the portal against it with PORTAL_ALLOW_FAKE_CLOCK=1 and
 * PORTAL_FAKE_NOW=BENCH_NOW (and the same PII_KEY), as scripts/bench/run.ts does.
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { performance } from "node:perf_hooks";
import { finished } from "node:stream/promises";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { defaultIndicatorSheet, gradeBandsFromMinima } from "../../lib/domain/credit";
import { idCheckChar } from "../../lib/domain/identity";
import { profileTemplate } from "../../lib/domain/profile-templates";
import { HOLIDAY_YEARS } from "../../lib/domain/reference/holidays-data";
import { LPR_FIXINGS, PBOC_BENCHMARK_RATES } from "../../lib/domain/reference/rates-data";
import { encryptPii, piiHash, piiKeysFromEnv } from "../../lib/server/pii";

/** The business date of the generated data (Asia/Shanghai), and an instant on it. */
export const BENCH_TODAY = "2026-12-28";
export const BENCH_NOW = "2026-12-28T02:00:00Z";
/** A JobRun row of this name marks a database where generateProvince ran to the end. */
export const PROVINCE_MARKER = "bench:province";
/** Every bench user's password (as the demo's). */
export const BENCH_PASSWORD = "Shifan@2026";

export const SHAPE = {
  counties: Number(process.env.BENCH_COUNTIES ?? 100),
  townshipsPerCounty: 20,
  villagesPerTownship: 20,
  householdsPerVillage: 25,
  loansPerVillage: 10,
  banksPerCounty: 3,
} as const;

/** The quarter the bench's subsidy run computes (settled on 2026-12-20, not yet claimed). */
export const BENCH_SUBSIDY_QUARTER = { year: 2026, quarter: 4 } as const;

/** SQL for the deterministic UUID-shaped id of a unit from its key parts. */
const uid = (...parts: string[]) => `md5(${parts.join(" || ':' || ")})::uuid::text`;
export const ids = {
  county: (c: string) => uid("'c'", c),
  township: (c: string, t: string) => uid("'t'", c, t),
  village: (c: string, t: string, v: string) => uid("'v'", c, t, v),
  household: (c: string, t: string, v: string, j: string) => uid("'h'", c, t, v, j),
  bank: (c: string, b: string) => uid("'b'", c, b),
};

/** The county's id and the username of its officer, as generated (county numbers from 1). */
export function benchCounty(c: number) {
  return { countyNumber: c, countyId: md5Uuid(`c:${c}`), officer: `xian${String(c).padStart(3, "0")}` };
}

/** md5(text)::uuid::text, as the SQL above computes ids. */
function md5Uuid(text: string): string {
  const h = createHash("md5").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const COUNTY_PREFIX = ["东", "西", "南", "北", "新", "安", "宁", "平", "永", "长"];
const COUNTY_SUFFIX = ["川", "山", "河", "阳", "城", "丰", "乐", "原", "华", "兴"];
const TOWNSHIPS = ["城关", "石桥", "柳河", "白沙", "王集", "李庄", "黄营", "高庙", "张店", "马岗", "杨楼", "刘湾", "孙寨", "周口", "吴桥", "郑堂", "赵集", "钱塘", "冯村", "陈岗"];
const VILLAGES = ["东关", "西关", "南街", "北街", "前营", "后营", "上河", "下河", "大王", "小王", "新庄", "老庄", "河湾", "岗头", "坡底", "枣园", "杏林", "桃花", "柳树", "槐荫"];
const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶";
const GIVEN = ["建国", "建军", "国强", "志强", "卫东", "红旗", "海军", "永刚", "德明", "金山", "玉林", "保国", "春生", "秀英", "桂英", "玉兰", "秀兰", "凤英", "桂兰", "淑珍", "春梅", "海燕", "丽娟", "翠花"];
const arr = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(",")}]`;

/** 0 … 2^31-1 from a text key: the per-row dice of the generator. */
const dice = (key: string) => `(hashtext(${key}) & 2147483647)`;

/** The households' ID numbers and phones, encrypted, COPYed into bench_pii (g = household number from 0). */
async function stagePii(db: pg.Client) {
  const keys = piiKeysFromEnv();
  const { counties, townshipsPerCounty: T, villagesPerTownship: V, householdsPerVillage: H } = SHAPE;
  await db.query(`CREATE UNLOGGED TABLE bench_pii (g int PRIMARY KEY, id_enc text NOT NULL, id_hash text NOT NULL, phone_enc text)`);
  const perCounty = T * V * H;
  const stream = db.query(copyFrom(`COPY bench_pii (g, id_enc, id_hash, phone_enc) FROM STDIN`));
  let chunk: string[] = [];
  for (let c = 1; c <= counties; c++) {
    for (let i = 0; i < perCounty; i++) {
      const idNumber = benchIdNumber(c, i);
      const g = (c - 1) * perCounty + i;
      const phone = g % 10 < 7 ? `13${String((g * 7_919 + 12_345_678) % 1_000_000_000).padStart(9, "0")}` : null;
      chunk.push(`${g}\t${encryptPii(keys, "idNumber", idNumber)}\t${piiHash(keys, "idNumber", idNumber)}\t${phone ? encryptPii(keys, "phone", phone) : "\\N"}\n`);
      if (chunk.length === 5_000) {
        if (!stream.write(chunk.join(""))) await once(stream, "drain");
        chunk = [];
      }
    }
  }
  stream.end(chunk.join(""));
  await finished(stream);
}

/**
 * The ID number of household number i (from 0, in code order) of county c, as stagePii encrypts
 * it: unique within the county (one birth date per number, from 1950-01-01), valid check digit.
 */
export function benchIdNumber(c: number, i: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
  const first17 = `41${String(c).padStart(4, "0")}${birth}${String((i * 37) % 1000).padStart(3, "0")}`;
  return first17 + idCheckChar(first17);
}

function orgUnitsSql(): string {
  const { counties: C, townshipsPerCounty: T, villagesPerTownship: V } = SHAPE;
  const countyName = `(${arr(COUNTY_PREFIX)})[1 + (c - 1) / 10 % 10] || (${arr(COUNTY_SUFFIX)})[1 + (c - 1) % 10] || CASE WHEN c > 100 THEN c::text ELSE '' END || '县'`;
  return `
    CREATE UNLOGGED TABLE bench_county AS
      SELECT c, ${ids.county("c")} AS id, '41' || lpad(c::text, 4, '0') AS code6, ${countyName} AS name FROM generate_series(1, ${C}) c;
    INSERT INTO "OrgUnit" (id, code, name, level, "parentId", "countyId")
      SELECT id, code6 || '000000', name, 'county', NULL, id FROM bench_county;
    INSERT INTO "OrgUnit" (id, code, name, level, "parentId", "countyId")
      SELECT ${ids.township("c", "t")}, code6 || lpad(t::text, 3, '0') || '000',
        (${arr(TOWNSHIPS)})[1 + (t - 1) % 20] || CASE WHEN t > 20 THEN t::text ELSE '' END || CASE WHEN t % 4 = 0 THEN '乡' ELSE '镇' END,
        'township', id, id
      FROM bench_county, generate_series(1, ${T}) t;
    INSERT INTO "OrgUnit" (id, code, name, level, "parentId", "countyId")
      SELECT ${ids.village("c", "t", "v")}, code6 || lpad(t::text, 3, '0') || lpad(v::text, 3, '0'),
        (${arr(VILLAGES)})[1 + (v - 1) % 20] || CASE WHEN v > 20 THEN v::text ELSE '' END || '村',
        'village', ${ids.township("c", "t")}, id
      FROM bench_county, generate_series(1, ${T}) t, generate_series(1, ${V}) v;
    INSERT INTO "Bank" (id, "countyId", name, branch, contact)
      SELECT ${ids.bank("c", "b")}, id, (ARRAY['中国农业银行', '农村商业银行', '中国邮政储蓄银行'])[b] || name || '支行', '营业部', '信贷部'
      FROM bench_county, generate_series(1, ${SHAPE.banksPerCounty}) b;
    -- Each township is served by one of the county's banks (包干).
    INSERT INTO "BankTownship" ("bankId", "townshipId")
      SELECT ${ids.bank("c", `(1 + (t - 1) % ${SHAPE.banksPerCounty})`)}, ${ids.township("c", "t")}
      FROM bench_county, generate_series(1, ${T}) t;`;
}

function householdsSql(): string {
  const { townshipsPerCounty: T, villagesPerTownship: V, householdsPerVillage: H, loansPerVillage: L } = SHAPE;
  const g = `((((c - 1) * ${T} + (t - 1)) * ${V} + (v - 1)) * ${H} + (j - 1))`;
  const d = dice(`'hh' || ${g}`);
  // Households 1…L of each village are the borrowers: of an eligible status and rated A or better.
  return `
    INSERT INTO "Household" (id, "countyId", "townshipId", "villageId", "headName", "idNumber", "idNumberHash", phone, address,
      status, "membersCount", "labourCapacity", "creditGrade", "creditGradedOn", "createdAt", "updatedAt")
    SELECT ${ids.household("c", "t", "v", "j")}, bc.id, ${ids.township("c", "t")}, ${ids.village("c", "t", "v")},
      substr('${SURNAMES}', 1 + (${d} % ${[...SURNAMES].length})::int, 1) || (${arr(GIVEN)})[1 + (${d} / 97 % ${GIVEN.length})::int],
      p.id_enc, p.id_hash, p.phone_enc,
      bc.name || (${arr(TOWNSHIPS)})[1 + (t - 1) % 20] || '镇' || (${arr(VILLAGES)})[1 + (v - 1) % 20] || '村' || (1 + ${d} % 12) || '组' || (1 + ${d} % 60) || '号',
      (CASE
        WHEN j <= ${L} THEN (ARRAY['registeredPoor', 'registeredPoor', 'registeredPoor', 'registeredPoor', 'registeredPoor', 'exitedPoverty', 'exitedPoverty', 'exitedPoverty', 'exitedPoverty', 'monitored'])[1 + ${d} / 7 % 10]
        ELSE (ARRAY['registeredPoor', 'registeredPoor', 'registeredPoor', 'exitedPoverty', 'exitedPoverty', 'exitedPoverty', 'monitored', 'marginal', 'none', 'misregistered'])[1 + ${d} / 7 % 10]
      END)::"HouseholdStatus",
      1 + (${d} / 11 % 7)::int,
      (ARRAY['full', 'full', 'full', 'partial', 'none'])[1 + ${d} / 13 % 5]::"LabourCapacity",
      (CASE
        WHEN j <= ${L} THEN (ARRAY['AAA', 'AA', 'AA', 'A', 'A', 'A'])[1 + ${d} / 17 % 6]
        ELSE (ARRAY['AAA', 'AA', 'AA', 'A', 'A', 'A', 'A', 'B', 'B', 'C', NULL, NULL])[1 + ${d} / 17 % 12]
      END)::"CreditGrade",
      '2026-06-30'::date, '2024-03-01', '2026-06-30'
    FROM bench_county bc
    CROSS JOIN generate_series(1, ${T}) t CROSS JOIN generate_series(1, ${V}) v CROSS JOIN generate_series(1, ${H}) j
    JOIN bench_pii p ON p.g = ${g}
    ORDER BY bc.c, t, v, j;`;
}

/**
 * The loans in a staging table: amounts, terms, dates, and whether (and from when) the borrower
 * stops paying; then their quarterly schedules (interest on the 20th of Mar/Jun/Sep/Dec, principal
 * at maturity, ACT/360), the first unpaid instalment and each loan's status as of BENCH_TODAY.
 */
function loansStagingSql(): string {
  const { counties: C, townshipsPerCounty: T, villagesPerTownship: V, loansPerVillage: L } = SHAPE;
  const key = `c || ':' || t || ':' || v || ':' || k`;
  return `
    CREATE UNLOGGED TABLE bench_loan0 AS
    SELECT c, t, v, k,
      ${uid("'l'", "c", "t", "v", "k")} AS id, ${uid("'a'", "c", "t", "v", "k")} AS app_id,
      ${ids.county("c")} AS county_id, ${ids.township("c", "t")} AS township_id, ${ids.village("c", "t", "v")} AS village_id,
      ${ids.household("c", "t", "v", "k")} AS household_id, ${ids.bank("c", `(1 + (t - 1) % ${SHAPE.banksPerCounty})`)} AS bank_id,
      'HT' || lpad(c::text, 3, '0') || lpad(t::text, 2, '0') || lpad(v::text, 2, '0') || lpad(k::text, 2, '0') AS contract,
      ${dice(`'l1:' || ${key}`)} AS d1, ${dice(`'l2:' || ${key}`)} AS d2, ${dice(`'l3:' || ${key}`)} AS d3
    FROM generate_series(1, ${C}) c, generate_series(1, ${T}) t, generate_series(1, ${V}) v, generate_series(1, ${L}) k;

    CREATE UNLOGGED TABLE bench_loan1 AS
    SELECT *, (disbursed_on + make_interval(months => term))::date AS maturity FROM (
      SELECT *,
        (ARRAY[10000, 20000, 30000, 30000, 50000, 50000])[1 + d1 % 6]::numeric(14, 2) AS principal,
        (ARRAY[12, 12, 24, 24, 36])[1 + d1 / 6 % 5] AS term,
        DATE '2024-12-28' + (d2 % 720)::int AS disbursed_on,
        -- Between 1% and 6% of a county's loans go bad (more in some counties than others).
        d3 % 1000 < 10 + (c * 37) % 50 AS bad
      FROM bench_loan0) x;
    ALTER TABLE bench_loan1 ADD COLUMN rate numeric(8, 6);
    UPDATE bench_loan1 SET rate = CASE WHEN term <= 12 THEN 0.0435 WHEN d1 % 7 = 0 THEN 0.0465 ELSE 0.0475 END;

    CREATE UNLOGGED TABLE bench_sched0 AS
    WITH d AS (
      SELECT l.id AS loan_id, l.disbursed_on, l.maturity, l.principal, l.rate, s::date AS due
      FROM bench_loan1 l,
        generate_series(date_trunc('quarter', l.disbursed_on::timestamp) + interval '2 months 19 days', (l.maturity - 1)::timestamp, interval '3 months') s
      WHERE s::date > l.disbursed_on
      UNION ALL
      SELECT id, disbursed_on, maturity, principal, rate, maturity FROM bench_loan1
    )
    SELECT loan_id, (row_number() OVER w)::int AS seq, due,
      CASE WHEN due = maturity THEN principal ELSE 0 END::numeric(14, 2) AS principal_due,
      round(principal * rate * (due - coalesce(lag(due) OVER w, disbursed_on)) / 360, 2)::numeric(14, 2) AS interest_due
    FROM d WINDOW w AS (PARTITION BY loan_id ORDER BY due);

    -- A bad loan stops paying at a point of its life: its first unpaid instalment is the first due then.
    CREATE UNLOGGED TABLE bench_loan AS
    SELECT l.*, f.first_unpaid,
      CASE
        WHEN f.first_unpaid IS NULL OR f.first_unpaid >= DATE '${BENCH_TODAY}' THEN CASE WHEN l.maturity < DATE '${BENCH_TODAY}' THEN 'repaid' ELSE 'repaying' END
        WHEN DATE '${BENCH_TODAY}' - f.first_unpaid <= 70 THEN CASE WHEN l.d2 % 5 = 0 THEN 'overdue' ELSE 'inBuffer' END
        WHEN DATE '${BENCH_TODAY}' - f.first_unpaid <= 84 OR l.d2 % 10 < 6 THEN 'split'
        ELSE 'writtenOffCaseKept'
      END AS status
    FROM bench_loan1 l
    LEFT JOIN (
      SELECT s.loan_id, min(s.due) AS first_unpaid FROM bench_sched0 s JOIN bench_loan1 b ON b.id = s.loan_id
      WHERE b.bad AND s.due >= b.disbursed_on + (b.d3 / 1000 % (b.maturity - b.disbursed_on + 1))::int
      GROUP BY s.loan_id
    ) f ON f.loan_id = l.id;
    CREATE INDEX ON bench_loan (id);
    ANALYZE bench_loan;
    ANALYZE bench_sched0;`;
}

function loansSql(): string {
  const today = `DATE '${BENCH_TODAY}'`;
  const purposes = arr(["planting", "breeding", "breeding", "processing", "commerce", "services"]);
  return `
    INSERT INTO "Application" (id, kind, status, "countyId", "townshipId", "villageId", "householdId", amount, "termMonths", purpose,
      "projectDescription", "repaymentSource", "profileVersion", "createdById", "submittedAt", "reviewedAt", "approvedAt", "createdAt", "updatedAt")
    SELECT app_id, 'household', 'disbursed', county_id, township_id, village_id, household_id, principal, term,
      (${purposes})[1 + d1 / 5 % 6], (ARRAY['种植小麦玉米', '养殖肉牛', '养殖生猪', '农产品加工', '经营农资门市', '农机服务'])[1 + d1 / 5 % 6],
      '经营收入', 1, 'bench', disbursed_on - 30, disbursed_on - 25, disbursed_on - 15, disbursed_on - 30, disbursed_on
    FROM bench_loan ORDER BY disbursed_on - 30, app_id;

    INSERT INTO "Loan" (id, "applicationId", kind, "countyId", "townshipId", "villageId", "householdId", "bankId", "contractNumber",
      principal, rate, "termMonths", "disbursedOn", "maturityDate", status, "outstandingPrincipal", "createdAt", "updatedAt")
    SELECT id, app_id, 'household', county_id, township_id, village_id, household_id, bank_id, contract,
      principal, rate, term, disbursed_on, maturity, status::"LoanStatus", CASE WHEN status = 'repaid' THEN 0 ELSE principal END,
      disbursed_on, LEAST(${today}, greatest(disbursed_on, coalesce(first_unpaid, maturity)))
    FROM bench_loan ORDER BY disbursed_on, id;

    INSERT INTO "ScheduleItem" (id, "loanId", seq, "dueDate", "principalDue", "interestDue", "principalPaid", "interestPaid", status)
    SELECT ${uid("s.loan_id", "s.seq")}, s.loan_id, s.seq, s.due, s.principal_due, s.interest_due,
      CASE WHEN x.paid THEN s.principal_due ELSE 0 END, CASE WHEN x.paid THEN s.interest_due ELSE 0 END,
      (CASE WHEN x.paid THEN 'paid' WHEN s.due < ${today} THEN 'overdue' ELSE 'due' END)::"ScheduleItemStatus"
    FROM bench_sched0 s JOIN bench_loan l ON l.id = s.loan_id
    CROSS JOIN LATERAL (SELECT l.status = 'repaid' OR (s.due < ${today} AND s.due < coalesce(l.first_unpaid, 'infinity'::date)) AS paid) x
    ORDER BY l.disbursed_on, s.loan_id, s.seq;

    -- Each instalment paid on or a few days before its due date (bank transaction references unique per bank).
    INSERT INTO "Repayment" (id, "loanId", "bankId", reference, "paidOn", principal, interest, penalty, "createdAt")
    SELECT ${uid("'r'", "s.loan_id", "s.seq")}, s.loan_id, l.bank_id, 'YH' || l.contract || '-' || lpad(s.seq::text, 2, '0'),
      greatest(l.disbursed_on, s.due - (l.d1 / 31 % 4)::int), s.principal_due, s.interest_due, 0, s.due
    FROM bench_sched0 s JOIN bench_loan l ON l.id = s.loan_id
    WHERE l.status = 'repaid' OR (s.due < ${today} AND s.due < coalesce(l.first_unpaid, 'infinity'::date))
    ORDER BY s.due, s.loan_id;`;
}

/** Loss-sharing cases at buffer end (scheme 1's shares), the fund's ledger, and credit areas. */
function riskSql(): string {
  const household = profileTemplate("pingdingshan_scheme1").settings.sharing.ratios.household ?? [];
  const parties = household.map((s, i) => `('${s.party}', ${s.ratio}::numeric, ${i + 1})`).join(", ");
  return `
    CREATE UNLOGGED TABLE bench_case AS
    SELECT l.id AS loan_id, l.county_id, l.status, l.d2, ${uid("'case'", "l.id")} AS id, l.principal AS unpaid_principal,
      coalesce(i.unpaid, 0) AS unpaid_interest, l.first_unpaid + 70 AS buffer_ends, l.first_unpaid + 84 AS split_deadline
    FROM bench_loan l
    LEFT JOIN (
      SELECT s.loan_id, sum(s.interest_due) AS unpaid FROM bench_sched0 s JOIN bench_loan b ON b.id = s.loan_id
      WHERE b.status IN ('split', 'writtenOffCaseKept') AND s.due >= b.first_unpaid AND s.due < b.first_unpaid + 70
      GROUP BY s.loan_id
    ) i ON i.loan_id = l.id
    WHERE l.status IN ('split', 'writtenOffCaseKept');

    INSERT INTO "LossCase" (id, "loanId", "countyId", scheme, "unpaidPrincipal", "unpaidInterest", loss, "bufferEndsOn", "splitDeadline",
      status, "profileVersion", "openedAt", "settledAt")
    SELECT id, loan_id, county_id, 'scheme1', unpaid_principal, unpaid_interest, unpaid_principal + unpaid_interest, buffer_ends, split_deadline,
      (CASE WHEN status = 'split' THEN 'open' ELSE 'settled' END)::"LossCaseStatus", 1, buffer_ends + 1,
      CASE WHEN status = 'split' THEN NULL ELSE split_deadline::timestamp END
    FROM bench_case ORDER BY id;

    -- Each party's share to the fen; the last party takes what rounding leaves.
    INSERT INTO "LossShare" (id, "caseId", party, ratio, amount, status, reference, "confirmedAt", "paidAt")
    SELECT ${uid("'share'", "bc.id", "p.party")}, bc.id, p.party, p.ratio,
      CASE WHEN p.n = ${household.length}
        THEN (bc.unpaid_principal + bc.unpaid_interest) - (SELECT sum(round((bc.unpaid_principal + bc.unpaid_interest) * q.ratio, 2)) FROM (VALUES ${parties}) q(party, ratio, n) WHERE q.n < ${household.length})
        ELSE round((bc.unpaid_principal + bc.unpaid_interest) * p.ratio, 2) END,
      (CASE WHEN bc.status <> 'split' OR (bc.d2 / 3 + p.n) % 3 = 0 THEN 'paid' WHEN (bc.d2 / 3 + p.n) % 3 = 1 THEN 'confirmed' ELSE 'pending' END)::"LossShareStatus",
      CASE WHEN bc.status <> 'split' OR (bc.d2 / 3 + p.n) % 3 = 0 THEN 'ZF' || substr(bc.id, 1, 8) || p.n END,
      CASE WHEN bc.status <> 'split' OR (bc.d2 / 3 + p.n) % 3 < 2 THEN bc.buffer_ends + 5 END,
      CASE WHEN bc.status <> 'split' OR (bc.d2 / 3 + p.n) % 3 = 0 THEN bc.split_deadline - 2 END
    FROM bench_case bc CROSS JOIN (VALUES ${parties}) p(party, ratio, n);

    -- The fund: initial capital (P: 2000万), yearly budget injections, and the county fund's paid shares.
    INSERT INTO "FundLedgerEntry" (id, "countyId", kind, amount, "occurredOn", reference, note)
    SELECT ${uid("'fund'", "bc.id", "y.n")}, bc.id, 'deposit', y.amount, y.day, 'CZ' || bc.code6 || y.n, y.note
    FROM bench_county bc CROSS JOIN (VALUES
      (1, 20000000::numeric, DATE '2017-09-01', '风险补偿金初始资金'),
      (2, 3000000::numeric, DATE '2025-03-01', '2025年度预算安排'),
      (3, 3000000::numeric, DATE '2026-03-01', '2026年度预算安排')) y(n, amount, day, note);
    INSERT INTO "FundLedgerEntry" (id, "countyId", kind, amount, "occurredOn", reference, "lossCaseId", note)
    SELECT ${uid("'fund'", "s.id")}, c."countyId", 'payout', -s.amount, s."paidAt", s.reference, c.id, '风险补偿金代偿'
    FROM "LossShare" s JOIN "LossCase" c ON c.id = s."caseId" WHERE s.party = 'county_fund' AND s.status = 'paid';

    -- Credit villages (≥ 70% of households rated A or better) and townships (≥ 65% credit villages).
    CREATE UNLOGGED TABLE bench_credit_village AS
    SELECT h."countyId" AS county_id, h."townshipId" AS township_id, h."villageId" AS village_id, count(*)::int AS members,
      count(*) FILTER (WHERE h."creditGrade" IN ('AAA', 'AA', 'A'))::int AS credited
    FROM "Household" h GROUP BY 1, 2, 3;
    INSERT INTO "CreditAreaStatus" (id, "countyId", "orgUnitId", level, "isCredit", ratio, members, credited, since)
    SELECT ${uid("'credit'", "village_id")}, county_id, village_id, 'village', credited >= 0.70 * members, round(credited::numeric / members, 4), members, credited, DATE '2026-07-15'
    FROM bench_credit_village;
    INSERT INTO "CreditAreaStatus" (id, "countyId", "orgUnitId", level, "isCredit", ratio, members, credited, since)
    SELECT ${uid("'credit'", "township_id")}, county_id, township_id, 'township', x.credited >= 0.65 * x.members, round(x.credited::numeric / x.members, 4), x.members, x.credited, DATE '2026-07-15'
    FROM (SELECT county_id, township_id, count(*)::int AS members, count(*) FILTER (WHERE credited >= 0.70 * members)::int AS credited FROM bench_credit_village GROUP BY 1, 2) x;`;
}

/**
 * The three quarters of 2026 before the bench's, claimed, approved and paid: an interest line (rate
 * = the contract rate, at most the benchmark; overdue days unsubsidised) and a guarantee-fee line
 * (1.5%) per loan with a balance in the quarter, as runSubsidyQuarter writes them.
 */
function subsidySql(): string {
  const quarters = `(VALUES (1, DATE '2025-12-20', DATE '2026-03-20', DATE '2026-04-15'), (2, DATE '2026-03-20', DATE '2026-06-20', DATE '2026-07-15'),
    (3, DATE '2026-06-20', DATE '2026-09-20', DATE '2026-10-15')) q(n, period_from, period_to, paid_on)`;
  const overlap = (from: string, to: string) => `greatest(0, least(${to}, q.period_to) - greatest(${from}, q.period_from))`;
  return `
    INSERT INTO "SubsidyRun" (id, "countyId", "bankId", year, quarter, "periodFrom", "periodTo", status, total, "profileVersion",
      "computedAt", "certifiedAt", "approvedAt", "paidOn", "voucherNumber")
    SELECT ${uid("'run'", "b.id", "q.n")}, b."countyId", b.id, 2026, q.n, q.period_from, q.period_to, 'paid', 0, 1,
      q.period_to + 3, q.period_to + 8, q.period_to + 12, q.paid_on, 'PZ2026' || q.n || substr(b.id, 1, 6)
    FROM "Bank" b CROSS JOIN ${quarters};

    CREATE UNLOGGED TABLE bench_subsidy AS
    SELECT l.id AS loan_id, ${uid("'run'", "l.bank_id", "q.n")} AS run_id, q.n, q.period_from, q.period_to, l.principal, l.rate,
      ${overlap("l.disbursed_on", "l.maturity")} AS days,
      ${overlap("l.disbursed_on", "least(l.maturity, coalesce(l.first_unpaid + 1, 'infinity'::date))")} AS subsidised
    FROM bench_loan l CROSS JOIN ${quarters}
    WHERE l.disbursed_on < q.period_to AND l.maturity > q.period_from;

    INSERT INTO "SubsidyLine" (id, "runId", "loanId", kind, "periodFrom", "periodTo", days, "subsidisedDays", rate, amount, eligible, detail)
    SELECT ${uid("'line'", "s.loan_id", "s.n", "k.kind")}, s.run_id, s.loan_id, k.kind::"SubsidyKind", s.period_from, s.period_to, s.days,
      CASE WHEN k.kind = 'interest' THEN s.subsidised ELSE s.days END, CASE WHEN k.kind = 'interest' THEN s.rate ELSE 0.015 END,
      round(s.principal * CASE WHEN k.kind = 'interest' THEN s.rate * s.subsidised ELSE 0.015 * s.days END / 360, 2), TRUE,
      jsonb_build_object('balanceSegments', jsonb_build_array(jsonb_build_object('from', s.period_from, 'to', s.period_to, 'balance', s.principal::text)))
        || CASE WHEN k.kind = 'interest' THEN jsonb_build_object('contractRate', s.rate::text, 'capRate', s.rate::text, 'regime', 'benchmark') ELSE '{}' END
    FROM bench_subsidy s CROSS JOIN (VALUES ('interest'), ('guaranteeFee')) k(kind)
    WHERE s.days > 0
    ORDER BY s.run_id, s.loan_id;

    UPDATE "SubsidyRun" r SET total = x.total
    FROM (SELECT "runId", sum(amount) AS total FROM "SubsidyLine" GROUP BY 1) x WHERE x."runId" = r.id;`;
}

async function referenceData(db: pg.Client) {
  const rates = [
    ...PBOC_BENCHMARK_RATES.flatMap((r) => [
      ["benchmark", "upTo1y", r.effective, r.upTo1Year],
      ["benchmark", "1to5y", r.effective, r.oneTo5Years],
      ["benchmark", "over5y", r.effective, r.over5Years],
    ]),
    ...LPR_FIXINGS.flatMap((r) => [
      ["lpr", "1y", r.effective, r.oneYear],
      ["lpr", "5yPlus", r.effective, r.fiveYearPlus],
    ]),
  ];
  await db.query(
    `INSERT INTO "RateFixing" (id, kind, term, "effectiveFrom", rate)
     SELECT md5(k || t || e)::uuid::text, k::"RateKind", t, e::date, r::numeric FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(k, t, e, r)`,
    [rates.map((r) => r[0]), rates.map((r) => r[1]), rates.map((r) => r[2]), rates.map((r) => r[3])],
  );
  const days = HOLIDAY_YEARS.flatMap((y) => [
    ...y.holidays.map((d) => [d.date, "holiday", d.name]),
    ...y.workdays.map((d) => [d.date, "workday", `${d.name}调休上班`]),
  ]);
  await db.query(
    `INSERT INTO "CalendarDay" (id, "countyId", date, kind, name)
     SELECT md5(bc.id || x.d)::uuid::text, bc.id, x.d::date, x.k::"CalendarDayKind", x.n FROM bench_county bc, unnest($1::text[], $2::text[], $3::text[]) AS x(d, k, n)`,
    [days.map((d) => d[0]), days.map((d) => d[1]), days.map((d) => d[2])],
  );
  // Every county under Pingdingshan scheme 1, as the demo county (its re-guarantee split halved).
  const template = profileTemplate("pingdingshan_scheme1");
  for (const share of template.settings.sharing.ratios.nonagri_enterprise ?? []) if (share.ratio === null) share.ratio = "0.25";
  await db.query(
    `INSERT INTO "PolicyProfile" (id, "countyId", name, template, version, status, "effectiveFrom", settings, "activatedAt")
     SELECT md5('profile' || id)::uuid::text, id, name || '政策参数（' || $2 || '）', $3, 1, 'active', '2017-08-28', $1::jsonb, '2017-08-28' FROM bench_county`,
    [JSON.stringify(template.settings), template.name, template.id],
  );
  await db.query(
    `INSERT INTO "IndicatorSheet" (id, "countyId", version, "effectiveFrom", sheet) SELECT md5('sheet' || id)::uuid::text, id, 1, '2017-08-28', $1::jsonb FROM bench_county`,
    [JSON.stringify({ items: defaultIndicatorSheet.items, gradeBands: gradeBandsFromMinima(template.settings.credit.bands) })],
  );
  // One user of each role per county (the demo's roles), password BENCH_PASSWORD.
  const passwordHash = await hash(BENCH_PASSWORD);
  await db.query(
    `INSERT INTO "User" (id, username, "passwordHash", "displayName", role, "orgUnitId", "bankId", "updatedAt")
     SELECT md5('user' || u.name || bc.c)::uuid::text, u.name || lpad(bc.c::text, 3, '0'), $1, bc.name || u.label, u.role::"Role",
       CASE u.level WHEN 'county' THEN bc.id WHEN 'township' THEN ${ids.township("bc.c", "1")} ELSE ${ids.village("bc.c", "1", "1")} END,
       CASE WHEN u.role = 'bank_officer' THEN ${ids.bank("bc.c", "1")} END, now()
     FROM bench_county bc CROSS JOIN (VALUES
       ('xian', '县级服务中心', 'county_officer', 'county'), ('xianb', '县级服务中心（复核）', 'county_officer', 'county'),
       ('xiang', '乡镇服务站', 'township_officer', 'township'), ('cun', '村级服务部', 'village_cadre', 'village'),
       ('yinhang', '合作银行', 'bank_officer', 'county'), ('caizheng', '财政局', 'finance_officer', 'county'),
       ('shenji', '审计', 'auditor', 'county'), ('admin', '系统管理员', 'admin', 'county')) u(name, label, role, level)`,
    [passwordHash],
  );
}

/** The big tables, whose secondary indexes are built once after loading rather than row by row. */
const BULK_TABLES = ["Household", "Application", "Loan", "ScheduleItem", "Repayment", "SubsidyLine"];

/**
 * Drops the secondary indexes (unique ones included) and exclusion constraints of the big tables,
 * and returns the statements that recreate them exactly (pg_get_indexdef / pg_get_constraintdef).
 */
async function dropBulkIndexes(db: pg.Client): Promise<string[]> {
  const indexes = await db.query<{ name: string; def: string; tbl: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def, c.relname AS tbl
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
     WHERE c.relname = ANY($1) AND c.relnamespace = 'public'::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [BULK_TABLES],
  );
  const exclusions = await db.query<{ name: string; def: string; tbl: string }>(
    `SELECT k.conname AS name, pg_get_constraintdef(k.oid) AS def, c.relname AS tbl
     FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
     WHERE k.contype = 'x' AND c.relname = ANY($1) AND c.relnamespace = 'public'::regnamespace`,
    [BULK_TABLES],
  );
  for (const x of exclusions.rows) await db.query(`ALTER TABLE "${x.tbl}" DROP CONSTRAINT "${x.name}"`);
  for (const i of indexes.rows) await db.query(`DROP INDEX ${i.name}`);
  // Largest tables first, so that the two connections finish together.
  const weight = (table: string) => ["ScheduleItem", "SubsidyLine", "Repayment", "Household", "Loan", "Application"].indexOf(table);
  return [
    ...exclusions.rows.map((x) => ({ tbl: x.tbl, sql: `ALTER TABLE "${x.tbl}" ADD CONSTRAINT "${x.name}" ${x.def}` })),
    ...indexes.rows.map((i) => ({ tbl: i.tbl, sql: i.def })),
  ]
    .sort((a, b) => weight(a.tbl) - weight(b.tbl))
    .map((x) => x.sql);
}

export type ProvinceSummary = { seconds: number; counts: Record<string, number> };

/**
 * Generates the province into an empty, migrated database at `url` (PII_KEY must be set), then
 * VACUUM ANALYZE and a checkpoint, so that no autovacuum or checkpoint runs under the timings.
 */
export async function generateProvince(url: string): Promise<ProvinceSummary> {
  const started = performance.now();
  const connect = async () => {
    const db = new pg.Client({ connectionString: url });
    db.on("error", () => {});
    await db.connect();
    // Generated rows are consistent by construction: foreign keys are not re-checked row by row.
    await db.query(`SET synchronous_commit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'; SET session_replication_role = replica`);
    return db;
  };
  const db = await connect();
  const side = await connect();
  const step = async (label: string, work: () => Promise<unknown>) => {
    const t = performance.now();
    await work();
    console.log(`  ${label}：${((performance.now() - t) / 1000).toFixed(1)} 秒`);
  };
  try {
    await step("区划、银行、参数、用户", async () => {
      await db.query(orgUnitsSql());
      await referenceData(db);
    });
    const rebuild = await dropBulkIndexes(db);
    // The encryption (Node) and the loans (PostgreSQL) at the same time, on two connections.
    await Promise.all([
      step("农户身份证号和手机号加密", () => stagePii(side)),
      step("贷款、还款计划和状态", () => db.query(loansStagingSql())),
    ]);
    await Promise.all([
      step("农户", () => side.query(householdsSql())),
      step("申请、贷款、还款计划、还款记录", () => db.query(loansSql())),
    ]);
    await Promise.all([step("代偿、风险补偿金、信用村", () => db.query(riskSql())), step("贴息", () => side.query(subsidySql()))]);
    await db.query(`DROP TABLE bench_pii, bench_county, bench_loan0, bench_loan1, bench_sched0, bench_loan, bench_case, bench_credit_village, bench_subsidy`);
    // The indexes back, built in bulk on the two connections (the largest tables first).
    await step(`重建索引（${rebuild.length} 个）`, async () => {
      const queue = [...rebuild];
      const worker = async (c: pg.Client) => {
        for (let next = queue.shift(); next; next = queue.shift()) await c.query(next);
      };
      await Promise.all([worker(db), worker(side)]);
    });
    await step("VACUUM ANALYZE", () => db.query(`VACUUM ANALYZE`));
    await db.query(`INSERT INTO "JobRun" (id, name, date, "finishedAt") VALUES (md5('bench-province')::uuid::text, '${PROVINCE_MARKER}', '${BENCH_TODAY}', now())`);
    await db.query(`CHECKPOINT`);
    const counts: Record<string, number> = {};
    for (const table of ["OrgUnit", "Household", "Loan", "ScheduleItem", "Repayment", "LossCase", "FundLedgerEntry", "SubsidyLine"]) {
      counts[table] = Number((await db.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
    }
    const seconds = (performance.now() - started) / 1000;
    const statuses = await db.query(`SELECT status, count(*)::int AS n FROM "Loan" GROUP BY 1 ORDER BY 2 DESC`);
    console.log(
      `已生成全省数据（${seconds.toFixed(0)} 秒）：区划 ${counts.OrgUnit}，农户 ${counts.Household}，贷款 ${counts.Loan}` +
        `（${statuses.rows.map((r) => `${r.status} ${r.n}`).join("，")}），还款计划 ${counts.ScheduleItem}，还款 ${counts.Repayment}，` +
        `代偿案件 ${counts.LossCase}，风险补偿金流水 ${counts.FundLedgerEntry}，贴息明细 ${counts.SubsidyLine}`,
    );
    return { seconds, counts };
  } finally {
    await db.end();
    await side.end();
  }
}
