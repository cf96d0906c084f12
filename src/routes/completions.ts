/**
 * Learning platforms asking for certificates: `POST /hooks/completions/{source}` (Standard
 * Webhooks) and `GET /claim/{source}?token=…` (a link carrying a JWT the platform signed).
 */
import { Hono, type Context } from "hono";
import { AppError } from "../errors";
import { renderClaimProblemPage, type ClaimProblem } from "../pages/claim-page";
import type { AppDeps } from "../services/context";
import type { CompletionResult } from "../services/completion-issue";
import { claimCertificate, receiveCompletionWebhook } from "../services/completions";
import type { AppEnv } from "./env";
import { page, pageContext, prefersHtml } from "./page-response";

function answer(c: Context, r: CompletionResult) {
  const { id, url, pdfUrl } = r.certificate;
  return c.json({ outcome: r.outcome, certificate: { id, url, pdfUrl } }, r.outcome === "issued" ? 201 : 200);
}

const PROBLEM_PAGES: Partial<Record<AppError["code"], ClaimProblem>> = {
  ERR_CLAIM_EXPIRED: "expired",
  ERR_CLAIM_INVALID: "invalid",
  ERR_UNKNOWN_SOURCE: "invalid",
  ERR_SOURCE_DISABLED: "invalid",
  ERR_UNMAPPED_COURSE: "unmapped",
  ERR_COMPLETION_FIELD: "details",
};

/** The completion routes. */
export function completionRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.post("/hooks/completions/:source", async (c) => {
    const body = await c.req.text();
    const r = await receiveCompletionWebhook(
      deps,
      c.req.param("source"),
      body,
      {
        id: c.req.header("webhook-id"),
        timestamp: c.req.header("webhook-timestamp"),
        signature: c.req.header("webhook-signature"),
      },
      c.get("requestId"),
    );
    return answer(c, r);
  });

  app.get("/claim/:source", async (c) => {
    // The token must not leak to the certificate page's or any other site's logs.
    c.header("Referrer-Policy", "no-referrer");
    c.header("Cache-Control", "no-store");
    const html = prefersHtml(c);
    try {
      const r = await claimCertificate(deps, c.req.param("source"), c.req.query("token") ?? "", c.get("requestId"));
      if (!html) return answer(c, r);
      return c.redirect(`${r.certificate.url}?lang=${r.lang}`, 303);
    } catch (e) {
      const problem = e instanceof AppError ? PROBLEM_PAGES[e.code] : undefined;
      if (!html || !problem || !(e instanceof AppError)) throw e;
      const p = await pageContext(c, deps);
      return page(c, p, renderClaimProblemPage(p.t, p.lang, p.nonce, problem), e.status, {
        "Cache-Control": "no-store",
        "Referrer-Policy": "no-referrer",
      });
    }
  });
  return app;
}
