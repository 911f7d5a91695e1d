import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { generatePiiKey, parsePiiKey } from "../../lib/server/pii";

/** NEXTAUTH_SECRET from the environment, else one generated once and kept in the data folder. */
export function sessionSecret(dataDir: string): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(dataDir, "nextauth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

/**
 * The key personal data is encrypted with (lib/server/pii.ts): PII_KEY from the environment, else
 * the one kept in the data folder (`pii.key`), created on first start. A production start
 * (NODE_ENV=production) never creates one: it must be given, from outside the data it protects.
 * The key file is what makes a backup of the data folder readable: losing it loses the ID
 * numbers and phone numbers; keep a copy apart from the database backups.
 */
export function piiKey(dataDir: string, opts: { create: boolean }): string | undefined {
  if (process.env.PII_KEY) {
    parsePiiKey(process.env.PII_KEY);
    return process.env.PII_KEY;
  }
  const file = path.join(dataDir, "pii.key");
  if (fs.existsSync(file)) {
    const text = fs.readFileSync(file, "utf8").trim();
    parsePiiKey(text);
    return text;
  }
  if (!opts.create) return undefined;
  if (process.env.NODE_ENV === "production") {
    throw new Error("生产环境须设置 PII_KEY（32 字节随机数的 base64，例如 `openssl rand -base64 32` 的输出）：身份证号和电话用它加密保存。");
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, generatePiiKey(), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

/** For the command-line tools: PII_KEY from the environment, else the data folder's key if there is one. */
export function loadPiiKey(dataDir: string) {
  const key = piiKey(dataDir, { create: false });
  if (key) process.env.PII_KEY = key;
}
