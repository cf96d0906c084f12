/**
 * HTML pages for people: the certificate page (`GET /c/{id}` for browsers) and `/verify`.
 * Every page carries a strict CSP with a per-response nonce (see ./security).
 */
import { Hono, type Context } from "hono";
import { getCookie } from "hono/cookie";
import { findCertificate, type CertificateRow } from "../adapters/storage/certificate-repository";
import type { VerificationResult } from "../domain/types";
import { AppError } from "../errors";
import { renderCertificatePage, renderNotFoundPage, renderUnavailablePage } from "../pages/certificate-page";
import { signedFacts } from "../domain/signed-facts";
import { chooseLang, messages, type Lang, type Messages } from "../pages/i18n";
import type { StatusDetail } from "../pages/verdict";
import { renderVerifyPage, type VerifyOutcome } from "../pages/verify-page";
import type { AppDeps } from "../services/context";
import { verifyPdf } from "../services/certificate-pdf";
import { verifyCredential } from "../services/verify-credential";
import { findByShortCode } from "../services/short-codes";
import { looksLikeShortCode } from "../domain/short-code";
import { CERTIFICATE_ID, MAX_BODY_BYTES } from "./http";
import { cspNonce, pageCsp } from "./security";

/** True when the client asks for HTML before JSON (browsers), per RFC 9110 §12.5.1 q-values. */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  let html = -1;
  let json = -1;
  for (const part of accept.split(",")) {
    const [type, ...params] = part.trim().toLowerCase().split(";");
    const q = Number(
      params
        .map((p) => p.trim())
        .find((p) => p.startsWith("q="))
        ?.slice(2) ?? "1",
    );
    if (type === "text/html" || type === "application/xhtml+xml") html = Math.max(html, q);
    if (type === "application/json" || type === "application/ld+json" || type === "application/vc+ld+json")
      json = Math.max(json, q);
  }
  return html > 0 && html >= json;
}

interface PageContext {
  lang: Lang;
  t: Messages;
  nonce: string;
}

/** Language from `?lang=`, the `lang` cookie or Accept-Language; an explicit choice sets the cookie. */
function pageContext(c: Context): PageContext {
  const choice = chooseLang(c.req.query("lang"), getCookie(c, "lang"), c.req.header("accept-language"));
  if (choice.explicit) {
    const secure = new URL(c.req.url).protocol === "https:" ? "; Secure" : "";
    c.header("Set-Cookie", `lang=${choice.lang}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`);
  }
  return { lang: choice.lang, t: messages(choice.lang), nonce: cspNonce() };
}

/** An HTML response with the page CSP and caching rules. */
function page(
  c: Context,
  p: PageContext,
  body: string,
  status: number,
  headers: Record<string, string> = {},
): Response {
  return c.body(body, status as 200, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": pageCsp(p.nonce),
    "Content-Language": p.lang,
    // The verdict can change (revocation), and the nonce must be fresh: never reuse a stored copy
    // without revalidation. The service worker keeps its own copy for offline use.
    "Cache-Control": "no-cache",
    Vary: "Accept, Accept-Language, Cookie",
    ...headers,
  });
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

function rec(v: unknown): Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * Revocation / suspension facts: from the verification (`statusDetail`, added by the lifecycle
 * work) or else from the certificate row's status columns; both may be absent on older schemas.
 */
function statusDetailOf(result: VerificationResult, row: CertificateRow): StatusDetail | undefined {
  const fromResult = (result as VerificationResult & { statusDetail?: StatusDetail }).statusDetail;
  if (fromResult) return fromResult;
  const r = row as CertificateRow & {
    status?: string | null;
    status_reason?: string | null;
    status_changed_at?: string | null;
    superseded_by?: string | null;
  };
  if (r.status !== "revoked" && r.status !== "suspended") return undefined;
  return {
    state: r.status,
    reason: r.status_reason ?? undefined,
    at: r.status_changed_at ?? undefined,
    supersededBy: r.superseded_by ?? undefined,
  };
}

/** The verdict to show: the verification's, overridden (fail closed) by a revocation on the row. */
function pageVerdict(result: VerificationResult, status: StatusDetail | undefined): VerificationResult["verdict"] {
  if (result.verdict === "invalid") return "invalid";
  if (status?.state === "revoked") return "revoked";
  if (status?.state === "suspended" && result.verdict !== "revoked") return "suspended";
  return result.verdict;
}

/** The certificate page: verdict, details, checks and actions; 404 and 503 pages for the rest. */
export async function certificatePage(c: Context, deps: AppDeps, id: string): Promise<Response> {
  const p = pageContext(c);
  if (!CERTIFICATE_ID.test(id)) return page(c, p, renderNotFoundPage(p.t, p.lang, p.nonce), 404);
  let row: CertificateRow | undefined;
  try {
    row = await findCertificate(deps.store, id);
  } catch (e) {
    if (e instanceof AppError && e.code === "ERR_UNAVAILABLE")
      return page(c, p, renderUnavailablePage(p.t, p.lang, p.nonce, id), 503, { "Retry-After": "5" });
    throw e;
  }
  if (!row) return page(c, p, renderNotFoundPage(p.t, p.lang, p.nonce), 404);
  const credential = JSON.parse(row.credential) as Record<string, unknown>;
  const result = await verifyCredential(deps, credential);
  const status = statusDetailOf(result, row);
  const verdict = pageVerdict(result, status);
  // Only what the credential signs is shown: the catalogue can change after issuance, the credential cannot.
  const html = renderCertificatePage(p.t, p.lang, p.nonce, {
    id,
    url: str(credential.id) ?? `${deps.config.baseUrl}/c/${id}`,
    verdict,
    status,
    checks: result.checks,
    facts: signedFacts(credential),
    issuerDid: deps.config.issuerDid,
    checkedAt: deps.clock().toISOString(),
  });
  // "Could not check" is never a verdict: 503 + Retry-After so clients and caches retry.
  return verdict === "could-not-check" ? page(c, p, html, 503, { "Retry-After": "5" }) : page(c, p, html, 200);
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const CERT_LINK = /^(?:https?:\/\/[^/\s]+)?\/c\/([A-Za-z0-9_-]{22})(?:[?#]\S*)?$/;

/** What a pasted text or uploaded file holds: a credential object, a VC-JWT, or nothing usable. */
function parseCredentialText(text: string): unknown {
  const s = text.trim();
  if (JWT.test(s)) return s;
  if (s.startsWith("{")) {
    try {
      const v = JSON.parse(s) as unknown;
      // Accept a VC-API verify request body as well as a bare credential.
      const inner = rec(v).verifiableCredential;
      return inner ?? v;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** An uploaded PDF, verified exactly as `POST /credentials/verify` verifies `application/pdf`. */
interface PdfUpload {
  kind: "pdf";
  bytes: Uint8Array;
}

async function readUpload(file: File, t: Messages): Promise<unknown | VerifyOutcome | PdfUpload> {
  if (file.size > MAX_BODY_BYTES) return { kind: "error", message: t.verifyTooLarge } satisfies VerifyOutcome;
  const bytes = new Uint8Array(await file.arrayBuffer());
  // "%PDF-" (ISO 32000-2 §7.5.2): PDFs go to the API's PDF path unchanged.
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46)
    return { kind: "pdf", bytes } satisfies PdfUpload;
  try {
    return parseCredentialText(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    return undefined;
  }
}

function isPdfUpload(v: unknown): v is PdfUpload {
  return typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === "pdf";
}

/** The /verify page's answer to a body over the size limit: the page, not problem+json. */
export function verifyTooLargePage(c: Context): Response {
  const p = pageContext(c);
  return page(c, p, renderVerifyPage(p.t, p.lang, p.nonce, { kind: "error", message: p.t.verifyTooLarge }), 413);
}

function isOutcome(v: unknown): v is VerifyOutcome {
  return typeof v === "object" && v !== null && "kind" in v && (v as { kind: unknown }).kind === "error";
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
  if (found.ok && found.certificateId) return c.redirect(`/c/${found.certificateId}`, 303);
  const message = found.ok ? p.t.verifyCodeUnknown : p.t.verifyCodeMistyped;
  return page(c, p, renderVerifyPage(p.t, p.lang, p.nonce, { kind: "error", message }), found.ok ? 404 : 422);
}

/** The page routes: `/c/{id}` for browsers, and `/verify` (GET: the form; POST: the verdict), which works without JavaScript. */
export function pageRoutes(deps: AppDeps) {
  const app = new Hono();

  // Browsers asking for a certificate page get HTML for every id, well-formed or not, so unknown
  // and malformed ids give the same 404 page. Files (.json, .jwt, .pdf) and JSON clients fall
  // through to the public routes.
  app.get("/c/:file", async (c, next) => {
    const file = c.req.param("file");
    if (/\.(json|jwt|pdf)$/.test(file) || !prefersHtml(c.req.header("accept"))) return next();
    return certificatePage(c, deps, file);
  });

  app.get("/verify", async (c) => {
    const p = pageContext(c);
    // /verify?code=WEGO-7KQ4-M2XD (or ?code=<certificate id>): straight to the certificate.
    const code = c.req.query("code")?.trim();
    const typed = code ? await typedCertificate(c, deps, p, code) : undefined;
    return typed ?? page(c, p, renderVerifyPage(p.t, p.lang, p.nonce), 200);
  });

  app.post("/verify", async (c) => {
    const p = pageContext(c);
    let form: Record<string, string | File | (string | File)[]>;
    try {
      form = await c.req.parseBody();
    } catch {
      form = {};
    }
    const file = form.file instanceof File && form.file.size > 0 ? form.file : undefined;
    const text = typeof form.text === "string" ? form.text.trim() : "";
    const link = CERT_LINK.exec(text);
    if (!file && link) return c.redirect(`/c/${link[1]}`, 303);
    if (!file && text) {
      const typed = await typedCertificate(c, deps, p, text);
      if (typed) return typed;
    }
    let input: unknown;
    if (file) input = await readUpload(file, p.t);
    else if (text) input = parseCredentialText(text);
    else return page(c, p, renderVerifyPage(p.t, p.lang, p.nonce, { kind: "error", message: p.t.verifyNothing }), 400);
    if (isOutcome(input)) return page(c, p, renderVerifyPage(p.t, p.lang, p.nonce, input), 413);
    if (input === undefined)
      return page(c, p, renderVerifyPage(p.t, p.lang, p.nonce, { kind: "error", message: p.t.verifyUnreadable }), 422);
    const result = isPdfUpload(input) ? await verifyPdf(deps, input.bytes) : await verifyCredential(deps, input);
    const credential = result.credential ?? {};
    const subject = rec(credential.credentialSubject);
    const id = str(credential.id);
    const ours = id?.startsWith(`${deps.config.baseUrl}/c/`) ? id : undefined;
    const showFacts =
      result.checks.find((ch) => ch.check === "signature")?.status === "passed" &&
      result.checks.every((ch) => ch.check !== "pdf-content" || ch.status === "passed");
    const outcome: VerifyOutcome = {
      kind: "result",
      verdict: result.verdict,
      checks: result.checks,
      // Only show facts from a credential whose signature checked out (and, for a PDF, whose pages match it).
      participant: showFacts ? str(subject.name) : undefined,
      achievement: showFacts ? str(rec(subject.achievement).name) : undefined,
      status: (result as VerificationResult & { statusDetail?: StatusDetail }).statusDetail,
      certificateUrl: ours,
    };
    const headers: Record<string, string> = result.verdict === "could-not-check" ? { "Retry-After": "5" } : {};
    return page(
      c,
      p,
      renderVerifyPage(p.t, p.lang, p.nonce, outcome),
      result.verdict === "could-not-check" ? 503 : 200,
      headers,
    );
  });
  return app;
}
