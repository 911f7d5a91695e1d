/**
 * `npm run audit:verify`: checks every county's audit hash chain in the portal's database
 * (DATABASE_URL, or the embedded one of `npm start`) and reports the first broken link.
 * Exit 0: intact; 1: broken (or the check could not run).
 */
import pg from "pg";
import { verifyAuditChains } from "./lib/audit-verify";
import { withProjectDatabase } from "./lib/project-db";

withProjectDatabase(async (url) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await verifyAuditChains(client);
    if (r.broken) {
      const b = r.broken;
      console.error(`审计链断裂：${b.chainName} 链第 ${b.seq} 条${b.id ? `（记录 ${b.id}）` : ""}：${b.reason}`);
      return 1;
    }
    console.log(`审计链完整：${r.chains} 条链，${r.rows} 条记录，校验和 ${r.checksum}`);
    return 0;
  } finally {
    await client.end();
  }
})
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
