import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedDb } from "../../scripts/lib/embedded-db";
import { migrateDeploy } from "../../scripts/lib/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** A throwaway PostgreSQL for the integration run: random port, temp folder, removed afterwards. */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    migrateDeploy(process.env.TEST_DATABASE_URL);
    project.provide("databaseUrl", process.env.TEST_DATABASE_URL);
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "microcredit-it-"));
  const port = 40000 + Math.floor(Math.random() * 20000);
  const db = await startEmbeddedDb({ dataDir, port, database: "integration", quiet: true });
  migrateDeploy(db.url);
  project.provide("databaseUrl", db.url);
  return async () => {
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
