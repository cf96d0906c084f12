/**
 * The page languages and their locale rules, without the catalogues (the browser script imports
 * this to format dates exactly as the server did).
 */

/**
 * Supported page languages (BCP 47 primary tags): English, Korean, and the languages of WeGO's
 * regional offices. `zh` is Simplified Chinese.
 */
export const LANGS = ["en", "ko", "zh", "tr", "ar", "es", "ru"] as const;
export type Lang = (typeof LANGS)[number];

/** Locale for dates (Intl) and Open Graph `og:locale`, per page language. */
export const LOCALE: Record<Lang, string> = {
  en: "en-GB",
  ko: "ko-KR",
  zh: "zh-CN",
  tr: "tr-TR",
  ar: "ar",
  es: "es-ES",
  ru: "ru-RU",
};

/** Languages written right to left (the page sets `dir="rtl"`). */
export const RTL: ReadonlySet<Lang> = new Set<Lang>(["ar"]);

/** True for a supported page language. */
export function isLang(v: string | undefined | null): v is Lang {
  return !!v && (LANGS as readonly string[]).includes(v);
}

/** Formats an ISO date or timestamp per locale, in UTC (dates on certificates are UTC). */
export function formatDate(lang: Lang, iso: string | undefined | null): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return dateFormat(lang).format(new Date(t));
}

// Building an Intl.DateTimeFormat costs ~50 µs and a page formats up to seven dates: one per language.
const FORMATS = new Map<Lang, Intl.DateTimeFormat>();

function dateFormat(lang: Lang): Intl.DateTimeFormat {
  let f = FORMATS.get(lang);
  if (!f) FORMATS.set(lang, (f = new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: "long", timeZone: "UTC" })));
  return f;
}

/** The UTC time of day of an ISO timestamp as HH:MM (24-hour, the same in every language). */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? "" : new Date(t).toISOString().slice(11, 16);
}
