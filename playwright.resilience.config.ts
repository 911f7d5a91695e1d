import { defineConfig } from "@playwright/test";
import e2e from "./playwright.config";

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
const server = Array.isArray(e2e.webServer) ? e2e.webServer[0] : e2e.webServer!;

export default defineConfig({
  ...e2e,
  testDir: "tests/resilience",
  timeout: 240_000,
  globalTimeout: 5 * 60_000,
  outputDir: "test-results/resilience",
  use: { ...e2e.use, baseURL },
  webServer: {
    ...server,
    url: `${baseURL}/login`,
    stdout: "ignore",
    stderr: "ignore",
    env: {
      ...server.env,
      PORT: String(PORT),
      PORTAL_DB_PORT: String(DB_PORT),
      PORTAL_DB_CONTROL_PORT: String(CONTROL_PORT),
      NEXTAUTH_URL: baseURL,
      PORTAL_ALLOW_FAKE_CLOCK: "",
    },
  },
});
