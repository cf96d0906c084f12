/**
 * The layers, enforced by `npm run check` (README "Architecture"):
 *
 *   routes → services → domain ← adapters        lib: pure helpers, imported by anything
 *   pages (HTML) and browser (client scripts) → domain, lib
 *
 * The domain is pure: no adapters, services, routes, runtime or npm packages; adapters implement
 * the ports the domain defines (src/domain/ports.ts).
 */
const layer = (name) => `^src/${name}/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Import cycles (type-only imports aside) make layers meaningless.",
      from: {},
      to: { circular: true, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "lib-is-pure",
      severity: "error",
      comment: "src/lib holds pure helpers: they import only each other and pure encoding libraries.",
      from: { path: layer("lib") },
      to: { pathNot: [layer("lib"), "node_modules/@scure/base/"] },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "The domain depends on nothing but itself and src/lib (no adapters, no npm packages).",
      from: { path: layer("domain") },
      to: { pathNot: [layer("domain"), layer("lib")] },
    },
    {
      name: "adapters-below-services",
      severity: "error",
      comment: "Adapters implement domain ports; they never reach up into services, routes or pages.",
      from: { path: layer("adapters") },
      to: {
        path: [
          layer("services"),
          layer("routes"),
          layer("pages"),
          layer("browser"),
          "^src/app\\.ts$",
          "^src/index\\.ts$",
          "^src/worker/",
        ],
      },
    },
    {
      name: "services-below-routes",
      severity: "error",
      comment: "Services know nothing of HTTP routes, HTML pages or the Worker entry.",
      from: { path: layer("services") },
      to: {
        path: [layer("routes"), layer("pages"), layer("browser"), "^src/app\\.ts$", "^src/index\\.ts$", "^src/worker/"],
      },
    },
    {
      name: "pages-are-presentation",
      severity: "error",
      comment: "HTML pages render what routes give them: domain types and lib helpers only.",
      from: { path: layer("pages") },
      to: {
        path: [
          layer("adapters"),
          layer("services"),
          layer("routes"),
          "^src/app\\.ts$",
          "^src/index\\.ts$",
          "^src/worker/",
        ],
      },
    },
    {
      name: "browser-is-client",
      severity: "error",
      comment: "Client scripts run in the browser: no server code.",
      from: { path: layer("browser") },
      to: {
        path: [
          layer("adapters"),
          layer("services"),
          layer("routes"),
          "^src/app\\.ts$",
          "^src/index\\.ts$",
          "^src/worker/",
          "^src/errors\\.ts$",
        ],
      },
    },
    {
      name: "sql-only-in-repositories",
      severity: "error",
      comment: "Kysely (SQL) is used only by the storage repositories in src/adapters/storage.",
      from: { pathNot: "^src/adapters/storage/" },
      to: { path: "node_modules/(kysely|kysely-d1)/" },
    },
    {
      name: "only-the-entry-reads-env",
      severity: "error",
      comment:
        "Runtime specifics stay at the edge: nothing imports the Worker entry (src/index.ts and its modules in src/worker/).",
      from: { pathNot: ["^src/index\\.ts$", "^src/worker/"] },
      to: { path: ["^src/index\\.ts$", "^src/worker/"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "\\.generated\\." },
  },
};
