import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import zlib from "node:zlib";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { verifyAuditChains } from "./audit-verify";
import { migrateDeploy } from "./migrate";

/**
 * The portal's logical backup. Not pg_dump: the offline machines have only Debian's
 * PostgreSQL 15 client, and pg_dump refuses a newer server (the embedded one is 18). The schema
 * is the committed migrations, so a backup is the list of applied migrations plus every table's
 * rows in COPY text format, taken in one read-only snapshot, gzipped:
 *   {"format":…,"migrations":[…]}          header line
 *   TABLE {"name":…,"columns":[…]}         then COPY rows, then the line \.
 *   END {"counts":{…},"auditChecksum":…}   trailer
 */
export const BACKUP_FORMAT = "microcredit-backup/1";

type Header = { format: string; createdAt: string; serverVersion: string; migrations: string[] };
export type BackupSummary = { file: string; counts: Record<string, number>; auditChecksum: string };

const root = path.resolve(__dirname, "../..");

async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  return client;
}

async function tables(client: pg.Client) {
  const { rows } = await client.query<{ name: string; columns: string[] }>(
    `SELECT c.table_name AS name, array_agg(c.column_name::text ORDER BY c.ordinal_position) AS columns
       FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> '_prisma_migrations'
        AND c.is_generated = 'NEVER'
      GROUP BY c.table_name ORDER BY c.table_name`,
  );
  return rows;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function localMigrations(): string[] {
  const dir = path.join(root, "prisma/migrations");
  return fs.readdirSync(dir).filter((d) => fs.statSync(path.join(dir, d)).isDirectory()).sort();
}

export function timestampedName(date = new Date()): string {
  const stamp = date.toISOString().replace(/\D/g, "").slice(0, 14);
  return `microcredit-${stamp.slice(0, 8)}-${stamp.slice(8)}.backup.gz`;
}

async function write(out: zlib.Gzip, data: string | Buffer) {
  if (!out.write(data)) await once(out, "drain");
}

export async function backupDatabase(url: string, file: string): Promise<BackupSummary> {
  const client = await connect(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.part`;
  const gzip = zlib.createGzip();
  const sink = fs.createWriteStream(partial);
  gzip.pipe(sink);
  const counts: Record<string, number> = {};
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const migrations = (
      await client.query<{ name: string }>(
        `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
      )
    ).rows.map((r) => r.name);
    const serverVersion = (await client.query<{ v: string }>("SHOW server_version")).rows[0].v;
    const header: Header = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), serverVersion, migrations };
    await write(gzip, `${JSON.stringify(header)}\n`);
    for (const t of await tables(client)) {
      await write(gzip, `TABLE ${JSON.stringify(t)}\n`);
      const stream = client.query(copyTo(`COPY ${quoteIdent(t.name)} (${t.columns.map(quoteIdent).join(", ")}) TO STDOUT`));
      let newlines = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        for (const byte of chunk) if (byte === 10) newlines++;
        await write(gzip, chunk);
      }
      counts[t.name] = newlines;
      await write(gzip, "\\.\n");
    }
    const auditChecksum = (await verifyAuditChains(client)).checksum;
    await client.query("COMMIT");
    await write(gzip, `END ${JSON.stringify({ counts, auditChecksum })}\n`);
    gzip.end();
    await once(sink, "finish");
    fs.renameSync(partial, file);
    return { file, counts, auditChecksum };
  } catch (error) {
    gzip.destroy();
    sink.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}

export type RestoreSummary = BackupSummary & { auditIntact: boolean; auditProblem: string | null };

/**
 * Replaces the database's contents with the backup's: the schema is rebuilt from the same
 * migrations, the rows are copied in with triggers off (they are the rows the triggers already
 * checked and chained), sequences are moved past the highest ids, and then the row counts and
 * the audit chain are checked against what the backup recorded.
 */
export async function restoreDatabase(url: string, file: string): Promise<RestoreSummary> {
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = first.done ? null : (JSON.parse(first.value) as Header);
  if (header?.format !== BACKUP_FORMAT) throw new Error(`${file} 不是本系统的备份文件。`);
  const local = localMigrations();
  if (header.migrations.join("\n") !== local.join("\n")) {
    throw new Error(
      `备份的数据库结构版本与当前程序不同（备份 ${header.migrations.length} 个迁移，程序 ${local.length} 个）：请用生成该备份的程序版本恢复。`,
    );
  }

  const client = await connect(url);
  try {
    await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    migrateDeploy(url);
    await client.query("BEGIN");
    // Rows go in as they were: no foreign-key order, no audit trigger re-chaining them.
    await client.query("SET LOCAL session_replication_role = replica");
    await client.query(`SET LOCAL microcredit.audit_maintenance = 'on'`);
    let trailer: { counts: Record<string, number>; auditChecksum: string } | null = null;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const line = next.value;
      if (line.startsWith("END ")) {
        trailer = JSON.parse(line.slice(4));
        break;
      }
      if (!line.startsWith("TABLE ")) throw new Error(`备份文件已损坏：意外的内容“${line.slice(0, 40)}”。`);
      const t = JSON.parse(line.slice(6)) as { name: string; columns: string[] };
      const stream = client.query(copyFrom(`COPY ${quoteIdent(t.name)} (${t.columns.map(quoteIdent).join(", ")}) FROM STDIN`));
      const done = new Promise<void>((resolve, reject) => {
        stream.on("finish", resolve);
        stream.on("error", reject);
      });
      for (;;) {
        const row = await iterator.next();
        if (row.done) throw new Error(`备份文件不完整：表 ${t.name} 的数据没有结束。`);
        if (row.value === "\\.") break;
        if (!stream.write(`${row.value}\n`)) await once(stream, "drain");
      }
      stream.end();
      await done;
    }
    if (!trailer) throw new Error("备份文件不完整：缺少结尾记录。");
    const sequences = await client.query<{ tbl: string; col: string }>(
      `SELECT table_name AS tbl, column_name AS col FROM information_schema.columns
        WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`,
    );
    for (const s of sequences.rows) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${quoteIdent(s.col)}) FROM ${quoteIdent(s.tbl)}), 0) + 1, false)`,
        [quoteIdent(s.tbl), s.col],
      );
    }
    const counts: Record<string, number> = {};
    for (const name of Object.keys(trailer.counts)) {
      counts[name] = Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${quoteIdent(name)}`)).rows[0].n);
      if (counts[name] !== trailer.counts[name]) {
        throw new Error(`恢复后表 ${name} 有 ${counts[name]} 行，备份中有 ${trailer.counts[name]} 行：已撤销恢复。`);
      }
    }
    await client.query("COMMIT");
    await client.query("ANALYZE");
    const audit = await verifyAuditChains(client);
    const auditProblem = audit.broken
      ? `${audit.broken.chainName} 链第 ${audit.broken.seq} 条：${audit.broken.reason}`
      : audit.checksum !== trailer.auditChecksum
        ? "审计链校验和与备份时不同"
        : null;
    return { file, counts, auditChecksum: audit.checksum, auditIntact: auditProblem === null, auditProblem };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    lines.close();
    await client.end();
  }
}
