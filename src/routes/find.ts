/**
 * `GET /find` (the form) and `POST /find` (the request): see services/find-certificates.ts. The
 * answer is the same page whether or not the address is known; the lookup and the message run
 * after the response (`waitUntil`), so its timing says nothing either. Rate limited per client
 * (here) and per address (in the service).
 */
import { Hono, type Context } from "hono";
import { renderFindPage } from "../pages/find-page";
import type { AppDeps } from "../services/context";
import { findMyCertificates } from "../services/find-certificates";
import { page, pageContext } from "./page-response";
import { memoryRateLimiter } from "./security";
import { rateLimitKey } from "../lib/client-key";

/** Find requests per client per minute. */
export const FIND_PER_CLIENT = { limit: 5, periodSeconds: 60 } as const;

/** The same syntax the certificate fields accept, checked loosely: the form is for people. */
const EMAIL = /^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$/u;

/** Runs `work` after the response where the runtime allows it, else before answering (tests). */
function afterResponse(c: Context, work: Promise<unknown>): Promise<void> {
  const guarded = work.then(
    () => undefined,
    (e: unknown) => console.error(JSON.stringify({ level: "error", event: "find.error", error: String(e) })),
  );
  try {
    c.executionCtx.waitUntil(guarded);
    return Promise.resolve();
  } catch {
    return guarded;
  }
}

export function findRoutes(deps: AppDeps) {
  const app = new Hono();
  const fallback = memoryRateLimiter(FIND_PER_CLIENT.limit, FIND_PER_CLIENT.periodSeconds * 1000);
  const limiter = deps.findRateLimit ?? fallback;

  app.get("/find", async (c) => {
    const p = await pageContext(c, deps);
    return page(c, p, renderFindPage(p.t, p.lang, p.nonce), 200);
  });

  app.post("/find", async (c) => {
    const p = await pageContext(c, deps);
    const ip = c.req.header("cf-connecting-ip");
    const client = ip && rateLimitKey(ip);
    if (client && !(await limiter(`find:${client}`).catch(() => fallback(`find:${client}`))))
      return page(c, p, renderFindPage(p.t, p.lang, p.nonce, "limited"), 429, {
        "Retry-After": String(FIND_PER_CLIENT.periodSeconds),
      });
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      form = {};
    }
    const email = typeof form.email === "string" ? form.email.trim() : "";
    if (!EMAIL.test(email) || email.length > 254)
      return page(c, p, renderFindPage(p.t, p.lang, p.nonce, "invalid"), 400);
    await afterResponse(c, findMyCertificates(deps, email, p.lang === "ko" ? "ko" : "en"));
    return page(c, p, renderFindPage(p.t, p.lang, p.nonce, "done"), 200);
  });
  return app;
}
