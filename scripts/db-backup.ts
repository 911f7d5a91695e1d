/**
 * `npm run db:backup [-- --dir DIR]`: a consistent backup of the portal's database (DATABASE_URL,
 * or the embedded one of `npm start`) to DIR/microcredit-YYYYMMDD-HHMMSS.backup.gz (default
 * DIR: backups/). Restore with `npm run db:restore -- FILE`. See scripts/lib/backup.ts.
 */
import path from "node:path";
import { backupDatabase, timestampedName } from "./lib/backup";
import { withProjectDatabase } from "./lib/project-db";

const args = process.argv.slice(2);
const dirFlag = args.indexOf("--dir");
const dir = path.resolve(dirFlag >= 0 && args[dirFlag + 1] ? args[dirFlag + 1] : "backups");

withProjectDatabase(async (url) => {
  const summary = await backupDatabase(url, path.join(dir, timestampedName()));
  const rows = Object.values(summary.counts).reduce((a, b) => a + b, 0);
  console.log(`已备份到 ${summary.file}：${Object.keys(summary.counts).length} 张表，${rows} 行，审计链校验和 ${summary.auditChecksum}`);
  console.log("提示：身份证号和电话以密文保存，其密钥（PII_KEY，或 .data/pii.key）须另行妥善备份，缺少密钥的备份无法解读这些字段。");
}).catch((error) => {
  console.error(`备份失败：${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
