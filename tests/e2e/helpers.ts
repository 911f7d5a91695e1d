import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { idCheckChar } from "../../lib/domain/identity";
import { decryptPii, encryptPii, parsePiiKey, piiHash } from "../../lib/server/pii";
import { TEST_PII_KEY } from "../support/pii-test-key";
import { DEMO_PASSWORD } from "../../scripts/seed/demo-data";

export { DEMO_PASSWORD };

const DB_PORT = Number(process.env.E2E_DB_PORT ?? 54339);

/**
 * Direct SQL on the e2e server's database, for fixtures and for reading results back.
 * (Plain pg: Playwright's loader cannot run the generated Prisma client.)
 */
const pool = new pg.Pool({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${DB_PORT}/microcredit`, max: 2 });

export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await pool.query<T>(text, params)).rows;
}

export async function one<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T> {
  const rows = await sql<T>(text, params);
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${text}`);
  return rows[0];
}

/**
 * Signs out with the header's form and waits for the sign-in page: the form's POST is a real
 * navigation, and a page.goto sent while it is in flight is aborted (net::ERR_ABORTED).
 */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("whoami")).toBeVisible();
}

let seq = 0;
/** A valid ID number that no demo household has (birth year 2001, outside the demo range). */
export function freshIdNumber(): string {
  const tail = String((Date.now() % 900) + 100 + seq++).slice(-3);
  const first17 = `41049920010101${tail}`;
  return first17 + idCheckChar(first17);
}

/**
 * Household ID numbers and phone numbers are stored encrypted with the e2e server's key
 * (playwright.config.ts sets PII_KEY): fixtures that read them by SQL decrypt, fixtures that
 * write them encrypt, and lookups by SQL go through the keyed hash.
 */
const piiKeys = parsePiiKey(TEST_PII_KEY);
export const plainIdNumber = (stored: string) => decryptPii(piiKeys, "idNumber", stored);
export const sealedIdNumber = (plain: string) => encryptPii(piiKeys, "idNumber", plain);
export const idNumberHash = (plain: string) => piiHash(piiKeys, "idNumber", plain);
