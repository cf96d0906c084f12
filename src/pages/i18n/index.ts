/** Language choice for the public pages: `?lang=`, then the `lang` cookie, then Accept-Language. */
import { en, type MessageKey, type Messages } from "./en";
import { ko } from "./ko";

export type { MessageKey, Messages };

/** Supported page languages (BCP 47 primary tags). */
export const LANGS = ["en", "ko"] as const;
export type Lang = (typeof LANGS)[number];

const CATALOGUES: Record<Lang, Messages> = { en, ko };

/** Locale for dates (Intl) and Open Graph `og:locale`, per page language. */
export const LOCALE: Record<Lang, string> = { en: "en-GB", ko: "ko-KR" };

/** Languages written right to left (the page sets `dir="rtl"`). */
export const RTL: ReadonlySet<Lang> = new Set<Lang>([]);

/** The catalogue for a language. */
export function messages(lang: Lang): Messages {
  return CATALOGUES[lang];
}

function isLang(v: string | undefined | null): v is Lang {
  return !!v && (LANGS as readonly string[]).includes(v);
}

/** Best supported language in an Accept-Language header (RFC 9110 §12.5.4), or null. */
export function fromAcceptLanguage(header: string | undefined): Lang | null {
  if (!header) return null;
  let best: { lang: Lang; q: number } | null = null;
  for (const part of header.split(",").slice(0, 20)) {
    const [range, ...params] = part.trim().toLowerCase().split(";");
    const q = Number(
      params
        .find((p) => p.trim().startsWith("q="))
        ?.trim()
        .slice(2) ?? "1",
    );
    const primary = range?.split("-")[0];
    if (isLang(primary) && q > 0 && (!best || q > best.q)) best = { lang: primary, q };
  }
  return best?.lang ?? null;
}

/** What decided the language, so the page can persist an explicit choice. */
export interface LangChoice {
  lang: Lang;
  /** True when `?lang=` chose it (the page then sets the cookie). */
  explicit: boolean;
}

/** Picks the page language from the query, the cookie and Accept-Language, defaulting to English. */
export function chooseLang(query: string | undefined, cookie: string | undefined, acceptLanguage?: string): LangChoice {
  if (isLang(query)) return { lang: query, explicit: true };
  if (isLang(cookie)) return { lang: cookie, explicit: false };
  return { lang: fromAcceptLanguage(acceptLanguage) ?? "en", explicit: false };
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

/** Formats an ISO date or timestamp per locale, in UTC (dates on certificates are UTC). */
export function formatDate(lang: Lang, iso: string | undefined | null): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: "long", timeZone: "UTC" }).format(new Date(t));
}

/** The UTC time of day of an ISO timestamp as HH:MM (24-hour, the same in every language). */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? "" : new Date(t).toISOString().slice(11, 16);
}
