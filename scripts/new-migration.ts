/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
 * from the difference between the committed migrations and schema.prisma. `prisma migrate dev`
 * does not work with the WASM engine (../shared/STACK.md), so this is how migrations are made.
 * With `--check` it only reports drift (exit 2) — the CI drift check.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { withDatabase } from "./lib/with-database";

const root = path.resolve(__dirname, "..");
const args = process.argv.slice(2);
const check = args.includes("--check");
const name = args.find((a) => !a.startsWith("--"));

if (!check && !name) {
  console.error("用法：npm run db:migration -- <name>   或   npm run db:migration -- --check");
  process.exit(1);
}

withDatabase(async (url) => {
  const diff = spawnSync(
    path.join(root, "node_modules/.bin/prisma"),
    [
      "migrate", "diff",
      "--from-migrations", "prisma/migrations",
      "--to-schema-datamodel", "prisma/schema.prisma",
      "--script",
      ...(check ? ["--exit-code"] : []),
    ],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: url, NODE_OPTIONS: `--require=${path.join(root, "scripts/unref-wasm-timers.cjs")}` },
    },
  );
  if (check) {
    if (diff.status === 0) console.log("schema.prisma 与迁移一致（no drift）。");
    else console.error(`schema.prisma 与迁移不一致（drift）：\n${diff.stdout}${diff.stderr}`);
    return diff.status ?? 1;
  }
  if (diff.status !== 0) {
    console.error(diff.stdout, diff.stderr);
    return diff.status ?? 1;
  }
  if (!/^\s*(CREATE|ALTER|DROP)/m.test(diff.stdout)) {
    console.log("没有需要迁移的变化。");
    return 0;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(root, "prisma/migrations", `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), diff.stdout);
  console.log(`已写入 ${path.relative(root, dir)}/migration.sql`);
  return 0;
}).then((code) => process.exit(code));
