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

/**
 * Month names as CLDR's long date format writes them (genitive in Russian), per language; the
 * Korean and Chinese forms use numbers only.
 */
const MONTHS: Partial<Record<Lang, readonly string[]>> = {
  en: "January February March April May June July August September October November December".split(" "),
  tr: "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık".split(" "),
  ar: "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر".split(" "),
  es: "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(" "),
  ru: "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(" "),
};

/** CLDR's long date pattern per language (`dateStyle: "long"` of each {@link LOCALE}). */
const LONG_DATE: Record<Lang, (d: number, m: number, y: number) => string> = {
  en: (d, m, y) => `${d} ${MONTHS.en![m]} ${y}`,
  ko: (d, m, y) => `${y}년 ${m + 1}월 ${d}일`,
  zh: (d, m, y) => `${y}年${m + 1}月${d}日`,
  tr: (d, m, y) => `${d} ${MONTHS.tr![m]} ${y}`,
  ar: (d, m, y) => `${d} ${MONTHS.ar![m]} ${y}`,
  es: (d, m, y) => `${d} de ${MONTHS.es![m]} de ${y}`,
  ru: (d, m, y) => `${d} ${MONTHS.ru![m]} ${y} г.`,
};

/**
 * Formats an ISO date or timestamp per locale, in UTC (dates on certificates are UTC), exactly as
 * `Intl.DateTimeFormat(LOCALE[lang], { dateStyle: "long", timeZone: "UTC" })` writes it with Latin
 * digits. Written out rather than asked of Intl: a new isolate's first Intl date format costs
 * ~10 ms of CPU (loading ICU's locale data), most of a certificate page's cold first view; and the
 * browser script, which imports this, then formats exactly as the server did in every browser.
 */
export function formatDate(lang: Lang, iso: string | undefined | null): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t);
  return LONG_DATE[lang](d.getUTCDate(), d.getUTCMonth(), d.getUTCFullYear());
}

/** The UTC time of day of an ISO timestamp as HH:MM (24-hour, the same in every language). */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? "" : new Date(t).toISOString().slice(11, 16);
}
