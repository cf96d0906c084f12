/**
 * `/c/{id}` and its files, handled in one place: the page for browsers (by Accept), the credential
 * JSON otherwise, and `.json`, `.jwt`, `.pdf`, `.png` (the picture / og:image). Unknown and
 * malformed ids give the same 404, so the answer reveals nothing about which ids exist.
 */
import { Hono, type Context } from "hono";
import { VC_API_ACHIEVEMENT } from "../adapters/storage/achievement-repository";
import { isVc11 } from "../domain/vc11-data-model";
import { AppError } from "../errors";
import { certificateView } from "../pages/certificate-presenter";
import { renderCertificatePage, renderNotFoundPage, renderUnavailablePage } from "../pages/certificate-page";
import type { AppDeps } from "../services/context";
import { assertServable, checkStoredCertificate, pdfServingFacts } from "../services/certificate-lookup";
import { PDF_RENDERER, servePdf } from "../services/certificate-pdf";
import { certificateFileDisposition, certificatePreviewPng } from "../services/certificate-preview";
import { signedCertificate } from "../services/signed-certificates";
import type { AppEnv } from "./env";
import { CERTIFICATE_ID } from "./http";
import { page, pageContext, prefersHtml } from "./page-response";

const NOT_FOUND = () => new AppError("ERR_NOT_FOUND", "No certificate with this id");

/** The certificate page: verdict, name, picture, actions, details and checks; 404 and 503 pages for the rest. */
async function certificatePage(c: Context, deps: AppDeps, id: string | undefined): Promise<Response> {
  const p = await pageContext(c, deps);
  if (!id) return page(c, p, renderNotFoundPage(p.t, p.lang, p.nonce, p.brand), 404);
  let found;
  try {
    found = await checkStoredCertificate(deps, id);
  } catch (e) {
    if (e instanceof AppError && e.code === "ERR_UNAVAILABLE")
      return page(c, p, renderUnavailablePage(p.t, p.lang, p.nonce, id, p.brand), 503, { "Retry-After": "5" });
    throw e;
  }
  // A VC-API credential that is not a certificate has no certificate page.
  if (!found || found.stored.achievement_id === VC_API_ACHIEVEMENT)
    return page(c, p, renderNotFoundPage(p.t, p.lang, p.nonce, p.brand), 404);
  const view = certificateView({
    id,
    credential: found.credential,
    result: found.result,
    stored: found.stored,
    settings: deps.config,
    checkedAt: deps.clock(),
    brand: p.brand,
  });
  const html = renderCertificatePage(p.t, p.lang, p.nonce, view);
  // "Could not check" is never a verdict: 503 + Retry-After so clients and caches retry.
  return view.verdict === "could-not-check" ? page(c, p, html, 503, { "Retry-After": "5" }) : page(c, p, html, 200);
}

/** The routes under `/c/`. */
export function certificateRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get("/c/:file", async (c) => {
    const m = /^([^.]+)(?:\.(json|jwt|pdf|png))?$/.exec(c.req.param("file"));
    const id = m && CERTIFICATE_ID.test(m[1]!) ? m[1]! : undefined;
    // Browsers get the HTML page for every id, well-formed or not.
    if (!m?.[2] && prefersHtml(c)) return certificatePage(c, deps, id);
    if (!id) throw NOT_FOUND();
    const row = await signedCertificate(deps, id);
    if (!row) throw NOT_FOUND();
    c.header("Cache-Control", "public, max-age=60");
    // /c/{id} answers HTML or JSON by Accept: shared caches must key on it (RFC 9110 §12.5.5).
    if (!m![2]) c.header("Vary", "Accept");
    if (m![2] === "jwt") {
      // application/vc+jwt secures VC 2.0 (VC-JOSE-COSE §3.1.1): a VC 1.1 credential has no VC-JWT form.
      if (isVc11(JSON.parse(row.credential))) throw NOT_FOUND();
      return c.body(row.vc_jwt, 200, { "Content-Type": "application/vc+jwt" });
    }
    // A VC-API credential that is not a certificate has no PDF or picture.
    if ((m![2] === "pdf" || m![2] === "png") && row.achievement_id === VC_API_ACHIEVEMENT) throw NOT_FOUND();
    if (m![2] === "pdf") {
      // ?lang=en|ko prints the certificate in that language; without it, in the certificate's own.
      const lang = c.req.query("lang");
      if (lang !== undefined && lang !== "en" && lang !== "ko")
        throw new AppError("ERR_VALIDATION", "lang must be en or ko", { field: "lang" });
      const facts = await pdfServingFacts(deps, id);
      const language = lang ?? facts.language;
      // Deterministic rendering: the ETag names the certificate, its signing key, the renderer and the
      // language. Short-lived, so a revocation stops shared caches from handing the file out within minutes.
      const etag = `"${row.id}.${row.key_id.slice(0, 8)}.${PDF_RENDERER}.${language}"`;
      c.header("ETag", etag);
      c.header("Cache-Control", "public, max-age=300");
      if (c.req.header("if-none-match") === etag) return c.body(null, 304);
      const pdf = await servePdf(deps, row, language, facts);
      c.set("pdfRendering", pdf.key);
      return c.body(pdf.bytes as Uint8Array<ArrayBuffer>, 200, {
        "Content-Type": "application/pdf",
        // Where the file came from (W3C Server Timing): memory, edge (Cache API), store (R2) or render.
        "Server-Timing": `pdf;desc=${pdf.source}`,
        "Content-Disposition": certificateFileDisposition(row.recipient_name, row.id, "pdf"),
      });
    }
    if (m![2] === "png") {
      await assertServable(deps, id);
      const png = await certificatePreviewPng(deps, row);
      c.header("Cache-Control", "public, max-age=300");
      // Link-preview crawlers (LinkedIn, KakaoTalk, WhatsApp) fetch it from other origins.
      c.header("Cross-Origin-Resource-Policy", "cross-origin");
      return c.body(png as Uint8Array<ArrayBuffer>, 200, {
        "Content-Type": "image/png",
        "Content-Disposition": certificateFileDisposition(row.recipient_name, row.id, "png"),
      });
    }
    return c.body(row.credential, 200, {
      "Content-Type": m![2] === "json" ? "application/vc+ld+json" : "application/json",
      ...(m![2] === "json" ? { "Content-Disposition": `attachment; filename="wego-certificate-${row.id}.json"` } : {}),
    });
  });
  return app;
}
