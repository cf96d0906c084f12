/**
 * The Hono application, built by a factory so the Worker entry and the tests share it.
 * Runtime specifics (env, D1 binding, secrets) stay in `index.ts`.
 */
import { Hono } from "hono";
import { TrieRouter } from "hono/router/trie-router";
import { requestId } from "hono/request-id";
import { AppError } from "./errors";
import { MAX_BODY_BYTES, refusingBodyLimit } from "./routes/http";
import { appErrorOf, problemResponse } from "./routes/problem";
import { adminRoutes } from "./routes/admin";
import { completionRoutes } from "./routes/completions";
import { consoleRoutes } from "./routes/console";
import { credentialsApiRoutes } from "./routes/credentials-api";
import { presentationsApiRoutes } from "./routes/presentations-api";
import { certificateRoutes } from "./routes/certificates";
import { findRoutes } from "./routes/find";
import { pageRoutes, verifyTooLargePage } from "./routes/pages";
import { publicRoutes } from "./routes/public";
import { lastGoodCopy } from "./routes/last-good-copy";
import { publicPreflight, responseHeaders } from "./routes/response-headers";
import { didGuard, requestLog } from "./routes/operations";
import { rateLimitPublic } from "./routes/security";
import { wellKnownRoutes } from "./routes/well-known";
import type { AppDeps } from "./services/context";
import type { AppEnv } from "./routes/env";

export type { AppEnv };

/** Largest body accepted outside batch uploads (defined with the request helpers, routes/http.ts). */
export { MAX_BODY_BYTES };

/** Builds the application. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  // Hono's default SmartRouter first tries to compile every route into one RegExpRouter, which
  // refuses this route set (UnsupportedPathError on /admin/certificates/:id beside static siblings),
  // and then falls back to TrieRouter: the attempt cost each new isolate's first match about 2.7 ms
  // of CPU (measured in Node; issue 15). Matching is unchanged: TrieRouter answered before too.
  const app = new Hono<AppEnv>({ router: new TrieRouter() });

  // Our own id for every request (Hono's request-id middleware with no header to read): a
  // client-sent X-Request-Id is never trusted into logs or the audit log.
  app.use(requestId({ headerName: "" }));
  // Request id, security headers, CORS and CORP, no-store: one pass over every response (routes/response-headers.ts).
  app.use(responseHeaders());
  app.use(requestLog(deps));
  app.use(didGuard(deps));
  app.use(publicPreflight());
  for (const path of ["/status/*", "/c/*"]) app.use(path, lastGoodCopy(deps));
  app.use(rateLimitPublic(deps));
  // The page language (query, cookie, Accept-Language) is detected by the pages that need it
  // (requestLanguage in routes/page-response.ts), not for every request.
  app.use(async (c, next) => {
    // No body, nothing to limit (hono's bodyLimit passes such requests on too).
    if (!c.req.raw.body) return next();
    // Batch uploads have their own, larger limit (routes/admin-batches.ts).
    const path = new URL(c.req.url).pathname;
    if (c.req.method === "POST" && (path === "/admin/batches" || path === "/admin/batches/preview")) return next();
    // The console's cohort upload steps carry the spreadsheet too (routes/console-upload.ts).
    if (c.req.method === "POST" && path.startsWith("/console/upload/")) return next();
    return generalLimit(c, next);
  });
  // The /verify form is for people: it answers with its own page, not problem+json.
  const generalLimit = refusingBodyLimit(MAX_BODY_BYTES, (c) =>
    new URL(c.req.url).pathname === "/verify"
      ? verifyTooLargePage(c, deps)
      : problemResponse(c, new AppError("ERR_BODY_TOO_LARGE", `The request body exceeds ${MAX_BODY_BYTES} bytes`)),
  );

  app.route("/", wellKnownRoutes(deps));
  app.route("/", certificateRoutes(deps));
  app.route("/", pageRoutes(deps));
  app.route("/", findRoutes(deps));
  app.route("/", publicRoutes(deps));
  app.route("/", credentialsApiRoutes(deps));
  app.route("/", presentationsApiRoutes(deps));
  app.route("/", completionRoutes(deps));
  app.route("/admin", adminRoutes(deps));
  app.route("/console", consoleRoutes(deps));

  app.notFound((c) =>
    problemResponse(c, new AppError("ERR_NOT_FOUND", `No resource at ${new URL(c.req.url).pathname}`)),
  );

  app.onError((err, c) => {
    const appErr = appErrorOf(c, err, "An unexpected error occurred; it has been logged");
    return problemResponse(c, appErr);
  });
  return app;
}
