import { PrismaPg } from "@prisma/adapter-pg";
import path from "node:path";
import { PrismaClient } from "@/generated/prisma/client";
import { loadPiiKey } from "./lib/secret";
import { seedReferenceData } from "./seed/seed-reference";
import { demoLogins, seedDemoCounty } from "./seed/seed-demo";

/** Seeds the demo county (once) and the reference data (every time, idempotently). */
export async function seed(databaseUrl: string, opts: { quiet?: boolean } = {}) {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }) });
  try {
    const created = await seedDemoCounty(db);
    await seedReferenceData(db);
    if (!opts.quiet) console.log(created ? "已创建演示数据：示范县（3 个乡镇、12 个村、600 户）。" : "演示数据已存在，沿用现有数据。");
  } finally {
    await db.$disconnect();
  }
}

if (require.main === module) {
  loadPiiKey(path.resolve(__dirname, "..", process.env.PORTAL_DATA_DIR ?? ".data"));
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("请设置 DATABASE_URL，或使用 npm start（会自动启动内置数据库并写入演示数据）。");
    process.exit(1);
  }
  seed(url).then(() => console.log(demoLogins()));
}
