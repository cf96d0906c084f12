/**
 * Page languages: English, Korean and the regional offices' languages (Chinese, Turkish, Arabic
 * right to left, Spanish, Russian), chosen by ?lang=, the cookie or Accept-Language.
 */
import { describe, expect, it } from "vitest";
import { esc } from "../../src/pages/html";
import { LANGS, messages } from "../../src/pages/i18n";
import { call, issue } from "../support/api";

const HTML = { accept: "text/html" };

describe("page languages", () => {
  it("every language renders the certificate page in its own words, Arabic right to left", async () => {
    const issued = await issue("Ελένη Παπαδοπούλου", "champions-2023-workshop-athens");
    for (const lang of LANGS) {
      const res = await call(`/c/${issued.id}?lang=${lang}`, { headers: HTML });
      const page = await res.text();
      const t = messages(lang);
      expect(res.headers.get("content-language")).toBe(lang);
      expect(page).toContain(`<html lang="${lang}" dir="${lang === "ar" ? "rtl" : "ltr"}"`);
      expect(page).toContain(esc(t.verdictValid));
      expect(page).toContain(esc(t.downloadPdf));
      // Every language links to every other, each named in its own language.
      for (const other of LANGS) expect(page).toContain(`hreflang="${other}"`);
      expect(page).toContain(messages("ar").langName);
    }
  });

  it("Accept-Language picks the best supported language, region subtags included", async () => {
    const cases: [string, string][] = [
      ["zh-CN,zh;q=0.9,en;q=0.5", "zh"],
      ["tr-TR", "tr"],
      ["ar-SA,ar;q=0.9", "ar"],
      ["es-419,es;q=0.9", "es"],
      ["ru", "ru"],
      ["fr-FR,de;q=0.8", "en"],
    ];
    for (const [header, lang] of cases) {
      const res = await call("/verify", { headers: { ...HTML, "accept-language": header } });
      expect([header, res.headers.get("content-language")]).toEqual([header, lang]);
      // Only an explicit choice sets the cookie.
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });
});
