/**
 * What every console route shares: the page context (language, CSP nonce), HTML responses with
 * the console's security headers, the session cookie, and the checks on state-changing requests.
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { timingSafeEqual } from "./http";
import { AppError } from "../errors";
import { consoleMessages } from "../pages/console/messages";
import { CONSOLE_LANGS, type ConsoleLang, type ConsolePage } from "../pages/console/shell";
import type { ConsoleUser } from "../services/console-session";
import { hasScope, type Scope } from "../services/tokens";
import type { AppEnv } from "./env";
import { cspNonce } from "./security";
import { requestLanguage } from "./page-response";

/** Hono environment of the console routes. */
export type ConsoleEnv = { Variables: AppEnv["Variables"] & { page: ConsolePage; user: ConsoleUser } };
export type ConsoleContext = Context<ConsoleEnv>;

/**
 * The console's Content-Security-Policy: no script at all (every page works by plain forms), styles
 * only with this response's nonce, images from this origin or inline (the QR code), no framing.
 */
export function consoleCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
  ].join("; ");
}

/** Whether the console is served over https (cookies then carry Secure). */
export const isHttps = (c: Context) => new URL(c.req.url).protocol === "https:";

/** The session cookie: `__Secure-` prefixed over https (browsers then insist on Secure). */
export const sessionCookieName = (c: Context) => (isHttps(c) ? "__Secure-wego-console" : "wego-console");

/** Sets the session cookie: HttpOnly, SameSite=Strict, only for /console, Secure over https. */
export function setSessionCookie(c: Context, value: string, maxAgeSeconds: number): void {
  setCookie(c, sessionCookieName(c), value, {
    path: "/console",
    httpOnly: true,
    secure: isHttps(c),
    sameSite: "Strict",
    maxAge: maxAgeSeconds,
  });
}

/** The session id from the cookie, if any. */
export const sessionCookie = (c: Context) => getCookie(c, sessionCookieName(c));

/** Language, nonce and language links for the page; an explicit `?lang=` is remembered as on the public pages. */
export function pageContext(): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    // The app's language detection (query, cookie, Accept-Language); languages the console does
    // not have fall back to English.
    const isConsoleLang = (v: unknown): v is ConsoleLang => CONSOLE_LANGS.some((l) => l === v);
    const query = c.req.query("lang");
    const detected = await requestLanguage(c);
    const choice = {
      lang: isConsoleLang(query) ? query : isConsoleLang(detected) ? detected : ("en" as ConsoleLang),
      explicit: isConsoleLang(query),
    };
    if (choice.explicit)
      setCookie(c, "lang", choice.lang, { path: "/", maxAge: 31536000, sameSite: "Lax", secure: isHttps(c) });
    const langLinks = {} as Record<ConsoleLang, string>;
    for (const l of CONSOLE_LANGS) {
      const q = new URLSearchParams(url.search);
      q.set("lang", l);
      langLinks[l] = `${url.pathname}?${q}`;
    }
    c.set("page", { lang: choice.lang, t: consoleMessages(choice.lang), nonce: cspNonce(), langLinks });
    await next();
    // Every console answer (pages, redirects, errors, downloads) names people: never stored.
    c.res.headers.set("Cache-Control", "no-store");
    c.res.headers.set("X-Robots-Tag", "noindex, nofollow");
  };
}

/** An HTML console response. */
export function htmlPage(c: ConsoleContext, body: string, status = 200): Response {
  const p = c.get("page");
  return c.body(body, status as 200, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": consoleCsp(p.nonce),
    "Content-Language": p.lang,
    Vary: "Cookie, Accept-Language",
  });
}

/**
 * Refuses a state-changing request whose Origin is not this site (OWASP CSRF cheat sheet, "Verifying
 * origin with standard headers"). Browsers send `Origin: null` for a form POST from a page whose
 * referrer policy is no-referrer (Fetch §3.1, "append a request Origin header"): then, as when the
 * header is absent, the browser-set `Sec-Fetch-Site` must say same-origin.
 */
export function sameOrigin(c: Context): boolean {
  const origin = c.req.header("origin");
  if (origin && origin !== "null") return origin === new URL(c.req.url).origin;
  return c.req.header("sec-fetch-site") === "same-origin";
}

/** The form fields of a POST (url-encoded or multipart), strings only. */
export async function formFields(c: Context): Promise<Record<string, string | string[]>> {
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data"))
    throw new AppError("ERR_UNSUPPORTED_MEDIA_TYPE", "Send the form as application/x-www-form-urlencoded", {
      field: "Content-Type",
    });
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}

/** One string field of a form ("" when absent or repeated). */
export const field = (form: Record<string, string | string[]>, name: string): string => {
  const v = form[name];
  return typeof v === "string" ? v : "";
};

/** Whether the form's synchronizer token is the session's (constant-time). */
export async function csrfMatches(form: Record<string, string | string[]>, expected: string): Promise<boolean> {
  const given = field(form, "csrf");
  return given.length > 0 && expected.length > 0 && (await timingSafeEqual(given, expected));
}

/** 403 unless the signed-in user holds `scope`. */
export function needScope(c: ConsoleContext, scope: Scope): void {
  if (!hasScope(c.get("user").scopes, scope))
    throw new AppError("ERR_FORBIDDEN", c.get("page").t.forbiddenScope.replace("{scope}", scope), { field: scope });
}

/** The audit identity of a console request. */
export function consoleWho(c: ConsoleContext) {
  return { actor: c.get("user").actor, requestId: c.get("requestId") };
}

/** Whether the user holds a scope (for showing buttons). */
export const userCan = (c: ConsoleContext, scope: Scope) => hasScope(c.get("user").scopes, scope);
