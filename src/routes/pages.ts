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
import { findByShortCode } from "../services/short-codes";
import { looksLikeShortCode } from "../domain/short-code";
import type { AppEnv } from "./env";
import { CERTIFICATE_ID, MAX_BODY_BYTES } from "./http";
import { page, pageContext, type PageContext } from "./page-response";

/** The /verify page's answer to a body over the size limit: the page, not problem+json. */
export async function verifyTooLargePage(c: Context, deps: AppDeps): Promise<Response> {
  const p = await pageContext(c, deps);
  const outcome: VerifyOutcome = { kind: "error", message: p.t.verifyTooLarge };
  return page(c, p, renderVerifyPage(p.t, p.lang, p.nonce, outcome, p.brand), 413);
}

/**
 * What people type from paper: the printed certificate id or the short code (any case, with or
 * without dashes). A redirect to the certificate page, an error page for a mistyped or unknown code,
 * or undefined when the text is neither (it is then read as a link, JSON or JWT).
 */
async function typedCertificate(
  c: Context,
  deps: AppDeps,
  p: PageContext,
  text: string,
): Promise<Response | undefined> {
  if (CERTIFICATE_ID.test(text)) return c.redirect(`/c/${text}`, 303);
  if (!looksLikeShortCode(text)) return undefined;
  const found = await findByShortCode(deps, text);
  if (found.ok && found.value.certificateId) return c.redirect(`/c/${found.value.certificateId}`, 303);
  const message = found.ok ? p.t.verifyCodeUnknown : p.t.verifyCodeMistyped;
  return page(c, p, renderVerifyPage(p.t, p.lang, p.nonce, { kind: "error", message }, p.brand), found.ok ? 404 : 422);
}

/** The `/verify` routes. */
export function pageRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get("/verify", async (c) => {
    const p = await pageContext(c, deps);
    // /verify?code=WEGO-7KQ4-M2XD (or ?code=<certificate id>): straight to the certificate.
    const code = c.req.query("code")?.trim();
    const typed = code ? await typedCertificate(c, deps, p, code) : undefined;
    return typed ?? page(c, p, renderVerifyPage(p.t, p.lang, p.nonce, undefined, p.brand), 200);
  });

  app.post("/verify", async (c) => {
    const p = await pageContext(c, deps);
    const show = (outcome: VerifyOutcome, status: number, headers: Record<string, string> = {}) =>
      page(c, p, renderVerifyPage(p.t, p.lang, p.nonce, outcome, p.brand), status, headers);
    const form: Record<string, unknown> = await c.req.parseBody().catch(() => ({}));
    const hasFile = form.file instanceof File && form.file.size > 0;
    const text = typeof form.text === "string" ? form.text.trim() : "";
    const typed = !hasFile && text ? await typedCertificate(c, deps, p, text) : undefined;
    if (typed) return typed;
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
