/**
 * The public pages' languages and their catalogues. Which one a request gets (`?lang=`, the `lang`
 * cookie, Accept-Language) is decided by Hono's language detector (routes/page-response.ts).
 */
import { ar } from "./ar";
import { en, type MessageKey, type Messages } from "./en";
import { es } from "./es";
import { ko } from "./ko";
import { ru } from "./ru";
import { tr } from "./tr";
import { zh } from "./zh";

import { formatDate, formatTime, isLang, LANGS, LOCALE, RTL, type Lang } from "./locale";

export type { MessageKey, Messages, Lang };
export { formatDate, formatTime, isLang, LANGS, LOCALE, RTL };

const CATALOGUES: Record<Lang, Messages> = { en, ko, zh, tr, ar, es, ru };

/** The catalogue for a language. */
export function messages(lang: Lang): Messages {
  return CATALOGUES[lang];
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}
