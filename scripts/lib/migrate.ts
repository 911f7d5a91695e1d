import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

/** Applies committed migrations with the Prisma CLI (WASM engine; see ../shared/STACK.md). */
export function migrateDeploy(databaseUrl: string) {
  const preload = `--require=${path.join(root, "scripts/unref-wasm-timers.cjs")}`;
  const result = spawnSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_OPTIONS: preload },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`数据库迁移失败：\n${result.stdout}\n${result.stderr}`);
  }
}
