/**
 * `/verify` for people: GET the form, POST a file or pasted text and get the verdict first, then
 * the form again. Works without JavaScript. Presentation lives in src/pages (verify-presenter.ts).
 */
import { Hono, type Context } from "hono";
import { renderVerifyPage, type VerifyOutcome } from "../pages/verify-page";
import { readVerifyForm, verifyOutcome } from "../pages/verify-presenter";
import type { AppDeps } from "../services/context";
import { verifyPdf } from "../services/certificate-pdf";
import { verifyCredential } from "../services/verify-credential";
import type { AppEnv } from "./env";
import { MAX_BODY_BYTES } from "./http";
import { page, pageContext } from "./page-response";

/** The /verify page's answer to a body over the size limit: the page, not problem+json. */
export async function verifyTooLargePage(c: Context, deps: AppDeps): Promise<Response> {
  const p = await pageContext(c, deps);
  const outcome: VerifyOutcome = { kind: "error", message: p.t.verifyTooLarge };
  return page(c, p, renderVerifyPage(p.t, p.lang, p.nonce, outcome, p.brand), 413);
}

/** The `/verify` routes. */
export function pageRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get("/verify", async (c) => {
    const p = await pageContext(c, deps);
    return page(c, p, renderVerifyPage(p.t, p.lang, p.nonce, undefined, p.brand), 200);
  });

  app.post("/verify", async (c) => {
    const p = await pageContext(c, deps);
    const show = (outcome: VerifyOutcome, status: number, headers: Record<string, string> = {}) =>
      page(c, p, renderVerifyPage(p.t, p.lang, p.nonce, outcome, p.brand), status, headers);
    const form = await c.req.parseBody().catch(() => ({}));
    const input = await readVerifyForm(form, MAX_BODY_BYTES);
    switch (input.kind) {
      case "link":
        return c.redirect(`/c/${input.id}`, 303);
      case "empty":
        return show({ kind: "error", message: p.t.verifyNothing }, 400);
      case "too-large":
        return show({ kind: "error", message: p.t.verifyTooLarge }, 413);
      case "unreadable":
        // Not a PDF, JSON credential or VC-JWT at all: clearly not a WeGO certificate.
        return show({ kind: "result", verdict: "not-wego", checks: [] }, 422);
    }
    const result =
      input.kind === "pdf" ? await verifyPdf(deps, input.bytes) : await verifyCredential(deps, input.value);
    const outcome = verifyOutcome(result, deps.config.baseUrl, deps.config.issuerDid);
    return result.verdict === "could-not-check" ? show(outcome, 503, { "Retry-After": "5" }) : show(outcome, 200);
  });
  return app;
}
