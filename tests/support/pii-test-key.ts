/**
 * The fixed PII_KEY of the integration and end-to-end runs, so fixtures written by SQL and rows
 * read back by SQL can be encrypted and decrypted by the tests (lib/server/pii.ts). Never a real key.
 */
export const TEST_PII_KEY = Buffer.alloc(32, 0x5a).toString("base64");
