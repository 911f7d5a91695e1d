import { inject } from "vitest";
import { TEST_PII_KEY } from "../support/pii-test-key";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.PII_KEY = TEST_PII_KEY;
