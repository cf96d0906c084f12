/** The pages' written-out long dates (src/pages/i18n/locale.ts) against ICU, for every language. */
import { describe, expect, it } from "vitest";
import { formatDate, LANGS, LOCALE } from "../../src/pages/i18n/locale";

describe("formatDate", () => {
  it("writes each language's long date exactly as Intl does (Latin digits, UTC)", () => {
    for (const lang of LANGS) {
      const intl = new Intl.DateTimeFormat(LOCALE[lang], {
        dateStyle: "long",
        timeZone: "UTC",
        numberingSystem: "latn",
      });
      for (const year of [1999, 2023, 2026, 2031])
        for (let month = 0; month < 12; month++)
          for (const day of [1, 9, 28]) {
            const iso = new Date(Date.UTC(year, month, day, 23, 59)).toISOString();
            expect(`${lang} ${formatDate(lang, iso)}`).toBe(`${lang} ${intl.format(new Date(iso))}`);
          }
    }
  });

  it("reads dates in UTC and leaves empty or unreadable input as it is", () => {
    expect(formatDate("en", "2023-10-01")).toBe("1 October 2023");
    expect(formatDate("ru", "2023-12-31T23:30:00-05:00")).toBe("1 января 2024 г.");
    expect(formatDate("ko", undefined)).toBe("");
    expect(formatDate("es", "not a date")).toBe("not a date");
  });
});
