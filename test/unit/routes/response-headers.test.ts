/**
 * routes/response-headers.ts sets, in one pass, the headers that hono's `cors` and `secureHeaders`
 * plus one middleware per path set before (src/app.ts up to commit a207514, copied below as the
 * reference). Both stacks wrap the same handlers; every path class, method and kind of answer must
 * give the same headers, except the preflight's CORP (see the last test).
 */
import { Hono, type MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../../src/routes/env";
import { isPublicPath, publicPreflight, responseHeaders } from "../../../src/routes/response-headers";

const FIXED_ID = "req-1";
const fixedId = () => FIXED_ID;

/** The previous stack, as it was in src/app.ts. */
function referenceStack(app: Hono<AppEnv>) {
  app.use(requestId({ headerName: "", generator: fixedId }));
  app.use(async (c, next) => {
    await next();
    c.header("X-Request-Id", c.get("requestId"));
  });
  app.use(
    secureHeaders({ strictTransportSecurity: "max-age=63072000; includeSubDomains", crossOriginResourcePolicy: false }),
  );
  app.use(async (c, next) => {
    await next();
    if (!c.res.headers.has("Cross-Origin-Resource-Policy"))
      c.res.headers.set("Cross-Origin-Resource-Policy", "same-origin");
  });
  for (const path of [
    "/.well-known/*",
    "/status/*",
    "/c/*",
    "/achievements",
    "/achievements/*",
    "/credentials/verify",
    "/presentations/verify",
    "/openapi.json",
  ]) {
    app.use(
      path,
      cors({
        origin: "*",
        allowMethods: ["GET", "HEAD", "POST", "OPTIONS"],
        allowHeaders: ["Content-Type"],
        exposeHeaders: ["ETag", "Retry-After", "X-Request-Id"],
        maxAge: 86400,
      }),
    );
    app.use(path, async (c, next) => {
      await next();
      c.res.headers.set("Cross-Origin-Resource-Policy", "cross-origin");
    });
  }
  for (const path of ["/admin/*", "/credentials/issue"])
    app.use(path, async (c, next) => {
      await next();
      c.res.headers.set("Cache-Control", "no-store");
    });
}

function newStack(app: Hono<AppEnv>) {
  app.use(requestId({ headerName: "", generator: fixedId }));
  app.use(responseHeaders());
  app.use(publicPreflight());
}

/** Handlers that set headers in each way the routes do. */
function routes(app: Hono<AppEnv>) {
  const own: MiddlewareHandler<AppEnv> = async (c) => {
    c.header("Cache-Control", "public, max-age=60");
    c.header("Vary", "Accept");
    c.header("X-Powered-By", "test");
    return c.body("{}", 200, { "Content-Type": "application/json", ETag: '"x"' });
  };
  app.get("/c/:id", own);
  app.get("/c/:id/png", (c) => {
    c.header("Cross-Origin-Resource-Policy", "cross-origin");
    return c.body("png", 200, { "Content-Type": "image/png" });
  });
  app.get("/status/:list", (c) => new Response("list", { headers: { "Content-Type": "application/json" } }));
  app.get("/.well-known/did.json", (c) => c.json({ id: "did:web:x" }));
  app.get("/achievements", (c) => c.json([]));
  app.get("/achievements/:id", (c) => c.json({}));
  app.post("/credentials/verify", (c) => c.json({ verified: true }));
  app.post("/presentations/verify", (c) => c.json({ verified: true }));
  app.get("/openapi.json", (c) => c.json({}));
  app.get("/admin/certificates", (c) => c.json([]));
  app.post("/credentials/issue", (c) => c.json({}, 201));
  app.get("/console/x", (c) => {
    c.header("Cross-Origin-Resource-Policy", "same-site");
    return c.html("<p>x</p>");
  });
  app.get("/", (c) => c.html("<p>home</p>"));
  app.get("/boom", () => {
    throw new Error("boom");
  });
  app.get("/admin/boom", () => {
    throw new Error("boom");
  });
  app.notFound((c) => c.json({ title: "not found" }, 404));
  app.onError((_e, c) => c.json({ title: "error" }, 500));
}

function build(stack: (app: Hono<AppEnv>) => void) {
  const app = new Hono<AppEnv>();
  stack(app);
  routes(app);
  return app;
}

const reference = build(referenceStack);
const current = build(newStack);

const CASES: [string, string][] = [
  ["GET", "/c/abc"],
  ["GET", "/c/abc/png"],
  ["GET", "/status/r1"],
  ["GET", "/.well-known/did.json"],
  ["GET", "/achievements"],
  ["GET", "/achievements/a1"],
  ["POST", "/credentials/verify"],
  ["POST", "/presentations/verify"],
  ["GET", "/openapi.json"],
  ["GET", "/admin/certificates"],
  ["POST", "/credentials/issue"],
  ["GET", "/console/x"],
  ["GET", "/"],
  ["GET", "/boom"],
  ["GET", "/admin/boom"],
  ["GET", "/nothing-here"],
  ["GET", "/c"],
  ["GET", "/status"],
  ["GET", "/cx"],
  ["GET", "/statusx/1"],
  ["GET", "/admin"],
  ["OPTIONS", "/console/x"],
  ["HEAD", "/c/abc"],
];

async function headersOf(app: Hono<AppEnv>, method: string, path: string, origin?: string) {
  const res = await app.request(path, { method, headers: origin ? { Origin: origin } : {} });
  return { status: res.status, headers: Object.fromEntries([...res.headers].sort(([a], [b]) => a.localeCompare(b))) };
}

describe("response headers", () => {
  for (const [method, path] of CASES)
    it(`${method} ${path}: the same status and headers as the previous stack`, async () => {
      for (const origin of [undefined, "https://verifier.example"]) {
        const before = await headersOf(reference, method, path, origin);
        const after = await headersOf(current, method, path, origin);
        expect(after).toEqual(before);
      }
    });

  it("covers public paths as hono's wildcards did, and nothing that only shares a prefix", () => {
    for (const p of [
      "/c",
      "/c/x",
      "/status",
      "/status/r1",
      "/.well-known/did.json",
      "/achievements",
      "/achievements/a",
    ])
      expect(isPublicPath(p), p).toBe(true);
    for (const p of ["/", "/cx", "/console", "/statusx", "/achievementsx", "/credentials/issue", "/verify", "/admin"])
      expect(isPublicPath(p), p).toBe(false);
  });

  it("answers a public preflight as before, with cross-origin CORP (it was same-origin, which a preflight ignores)", async () => {
    for (const path of ["/c/abc", "/credentials/verify", "/status/r1"]) {
      const before = await headersOf(reference, "OPTIONS", path, "https://verifier.example");
      const after = await headersOf(current, "OPTIONS", path, "https://verifier.example");
      expect(after.status).toBe(204);
      expect(before.headers["cross-origin-resource-policy"]).toBe("same-origin");
      expect(after.headers["cross-origin-resource-policy"]).toBe("cross-origin");
      expect({ ...after.headers, "cross-origin-resource-policy": "same-origin" }).toEqual(before.headers);
      expect(after.status).toBe(before.status);
    }
  });
});
