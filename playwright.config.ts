import { defineConfig, devices } from "@playwright/test";
import { TEST_PII_KEY } from "./tests/support/pii-test-key";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DB_PORT = Number(process.env.E2E_DB_PORT ?? 54339);
const baseURL = `http://127.0.0.1:${PORT}`;

/** Drives the system Chromium (Debian package) against the built app on a throwaway database. */
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 90_000,
  // A 2-core CI machine runs the server, PostgreSQL and Chromium at once: give UI steps room.
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: {
    command: "npx tsx scripts/start.ts --fresh --no-build",
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(PORT),
      PORTAL_DB_PORT: String(DB_PORT),
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: "e2e-secret-not-for-production-0123456789",
      PORTAL_ALLOW_FAKE_CLOCK: "1",
      // Fixed, so fixtures can encrypt and decrypt personal data by SQL (tests/e2e/helpers.ts).
      PII_KEY: TEST_PII_KEY,
    },
  },
});
