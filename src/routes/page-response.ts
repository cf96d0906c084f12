/**
 * What every HTML page response shares: the language (Hono's language detector, run on first use),
 * the CSP nonce, the brand set, and the headers (CSP, caching, Content-Language).
 */
import type { Context } from "hono";
import { accepts } from "hono/accepts";
import { setCookie } from "hono/cookie";
import { languageDetector } from "hono/language";
import type { BrandManifest } from "../domain/brand";
import { isLang, LANGS, messages, type Lang, type Messages } from "../pages/i18n";
import type { AppDeps } from "../services/context";
import { cspNonce, pageCsp } from "./security";

/** Options for hono/language's detector: `?lang=`, then the `lang` cookie, then Accept-Language. */
export const LANGUAGE_OPTIONS = {
  supportedLanguages: [...LANGS],
  fallbackLanguage: "en",
  order: ["querystring", "cookie", "header"],
  lookupQueryString: "lang",
  lookupCookie: "lang",
  // The cookie is set below only for an explicit choice, never from Accept-Language.
  caches: false,
} as const;

const detectLanguage = languageDetector({
  ...LANGUAGE_OPTIONS,
  supportedLanguages: [...LANGUAGE_OPTIONS.supportedLanguages],
  order: [...LANGUAGE_OPTIONS.order],
});

/**
 * The request's language (`?lang=`, the `lang` cookie, Accept-Language), detected when a page first
 * asks for it: the JSON API, status lists and verification never need it, so they do not pay for
 * parsing cookies and Accept-Language.
 */
export async function requestLanguage(c: Context): Promise<string> {
  if (c.get("language") === undefined) await detectLanguage(c, async () => {});
  return c.get("language") as string;
}

/** Per-response page inputs. */
export interface PageContext {
  lang: Lang;
  t: Messages;
  nonce: string;
  brand?: BrandManifest;
}

/** The page context; an explicit `?lang=` choice is remembered in the `lang` cookie for a year. */
export async function pageContext(c: Context, deps: AppDeps): Promise<PageContext> {
  const detected = await requestLanguage(c);
  const lang: Lang = isLang(detected) ? detected : "en";
  if (isLang(c.req.query("lang")))
    setCookie(c, "lang", lang, {
      path: "/",
      maxAge: 31536000,
      sameSite: "Lax",
      secure: new URL(c.req.url).protocol === "https:",
    });
  // The brand set only decorates the page: a missing build must not take verification down.
  const brand = await deps.brand.manifest().catch(() => undefined);
  return { lang, t: messages(lang), nonce: cspNonce(), brand };
}

/** True when the client asks for HTML before JSON (browsers), by Accept q-values (RFC 9110 §12.5.1). */
export function prefersHtml(c: Context): boolean {
  const best = accepts(c, {
    header: "Accept",
    // HTML first: at equal quality a browser's page wins over the JSON.
    supports: [
      "text/html",
      "application/xhtml+xml",
      "application/json",
      "application/ld+json",
      "application/vc+ld+json",
    ],
    default: "application/json",
  });
  return best === "text/html" || best === "application/xhtml+xml";
}

/** An HTML response with the page CSP and caching rules. */
export function page(
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
