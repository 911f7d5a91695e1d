import { defineConfig } from "prisma/config";
import { CliPg } from "./scripts/lib/cli-pg";
import { embeddedUrl } from "./scripts/lib/defaults";

// Without a readable config the CLI falls back to downloading a native engine: always have a URL.
process.env.DATABASE_URL ??= embeddedUrl();
const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  adapter: async () => new CliPg(url),
});
