/**
 * The layering rules of the portal (DEVELOPERS.md), checked on every `npm test`:
 * - lib/domain is pure: it imports nothing of the app and no I/O, framework or ORM;
 * - components are presentational: never lib/server or the Prisma client;
 * - app reaches the database only through lib/server use cases.
 */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "lib/domain may import only lib/domain, decimal.js and zod.",
      from: { path: "^lib/domain" },
      to: { pathNot: ["^lib/domain", "node_modules/(decimal\\.js|zod)/"] },
    },
    {
      name: "components-are-presentational",
      severity: "error",
      from: { path: "^components" },
      to: { path: ["^lib/server", "^generated/prisma", "node_modules/(@prisma|pg)/"] },
    },
    {
      name: "app-uses-use-cases",
      severity: "error",
      comment: "app/ must not touch the Prisma client or the db module directly.",
      from: { path: "^app" },
      to: { path: ["^generated/prisma", "^lib/server/db", "node_modules/(@prisma|pg)/"] },
    },
    {
      name: "server-layer-not-in-client-libs",
      severity: "error",
      comment: "Shared lib code (not lib/server) must not import lib/server.",
      from: { path: "^lib/(?!server)" },
      to: { path: "^lib/server" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
    doNotFollow: { path: ["node_modules", "^generated"] },
    exclude: { path: ["^\\.next"] },
  },
};
