import { PrismaPg } from "@prisma/adapter-pg";
import { expect, type Page } from "@playwright/test";
import { PrismaClient } from "../../generated/prisma/client";
import { idCheckChar } from "../../lib/domain/identity";
import { DEMO_PASSWORD } from "../../scripts/seed/demo-data";

export { DEMO_PASSWORD };

const DB_PORT = Number(process.env.E2E_DB_PORT ?? 54339);

/** Direct access to the e2e server's database, for fixtures and for reading back results. */
export const db = new PrismaClient({
  adapter: new PrismaPg({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${DB_PORT}/microcredit`, max: 2 }),
});

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
