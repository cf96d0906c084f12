/** The console's message catalogues (English and Korean), chosen like the public pages' language. */
import type { Lang } from "../i18n";
import { consoleEn, type ConsoleMessages } from "./messages-en";
import { consoleKo } from "./messages-ko";

export type { ConsoleMessages };

/** The console catalogue for a language. */
export function consoleMessages(lang: Lang): ConsoleMessages {
  return lang === "ko" ? consoleKo : consoleEn;
}
