import { defineConfig, devices } from "@playwright/test";

/**
 * `npm run test:resilience`: the fault run. The portal is started as in the e2e tests, with a
 * loopback control endpoint (PORTAL_DB_CONTROL_PORT) through which the test stops and starts
 * its embedded PostgreSQL while a load runs. Bounded to 5 minutes.
 */
const PORT = Number(process.env.RESILIENCE_PORT ?? 3120);
const DB_PORT = Number(process.env.RESILIENCE_DB_PORT ?? 54349);
const CONTROL_PORT = Number(process.env.RESILIENCE_CONTROL_PORT ?? 3121);
const baseURL = `http://127.0.0.1:${PORT}`;
process.env.RESILIENCE_CONTROL_URL = `http://127.0.0.1:${CONTROL_PORT}`;
process.env.RESILIENCE_DB_URL = `postgresql://postgres:postgres@127.0.0.1:${DB_PORT}/microcredit`;

export default defineConfig({
  testDir: "tests/resilience",
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 240_000,
  globalTimeout: 5 * 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "test-results/resilience",
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--disable-background-networking", "--no-first-run"] },
  },
  projects: [{ name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "npx tsx scripts/start.ts --fresh --no-build",
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "ignore",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(PORT),
      PORTAL_DB_PORT: String(DB_PORT),
      PORTAL_DB_CONTROL_PORT: String(CONTROL_PORT),
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: "resilience-secret-not-for-production-0123",
    },
  },
});
