import fontkit from "@pdf-lib/fontkit";
import fc from "fast-check";
import { runs } from "../support/fast-check-setup";
import { describe, expect, it } from "vitest";
import { type FontFamily, coveredCodePoints } from "../../src/adapters/pdf/font-coverage";
import { FONT_COVERAGE } from "../../src/adapters/pdf/font-coverage.generated";
import FONT_FILES from "../../src/adapters/pdf/font-files.json";
import { checkRenderableName, normalizeName } from "../../src/adapters/pdf/names";
import { nodeFontSource } from "../../src/adapters/pdf/node-font-source";
import { renderCertificatePdf } from "../../src/adapters/pdf/render-certificate";
import { UnrenderableNameError } from "../../src/adapters/pdf/types";
import { pdfToText, sampleInput } from "../support/pdf-tools";

const fonts = nodeFontSource();

describe("normalizeName", () => {
  it("strips bidi controls and invisible characters, folds whitespace, applies NFC", () => {
    expect(normalizeName("\u202Eabc\u202C")).toBe("abc");
    expect(normalizeName("\u2066Ann\u2069\u200E \u200F\uFEFFLee\u00AD")).toBe("Ann Lee");
    expect(normalizeName("  Ann\n\tLee\r\n ")).toBe("Ann Lee");
    expect(normalizeName("Nguye\u0302\u0303n")).toBe("Nguyễn");
    expect(normalizeName("Ann\u200DLee")).toBe("AnnLee");
    expect(normalizeName("می\u200Cخواهم")).toBe("می\u200Cخواهم"); // ZWNJ kept in Arabic script
  });

  it("keeps ZWJ/ZWNJ next to letters of scripts whose shaping they select, drops them elsewhere", () => {
    expect(normalizeName("කසුන් ප්\u200Dරනාන්දු")).toBe("කසුන් ප්\u200Dරනාන්දු"); // Sinhala rakaransaya
    expect(normalizeName("क्\u200Dष")).toBe("क्\u200Dष"); // Devanagari half form
    expect(normalizeName("\u200DAnn \u200C Lee\u200D")).toBe("Ann Lee");
    expect(normalizeName("Ann\u200D ප්\u200Dර")).toBe("Ann ප්\u200Dර");
  });
});

describe("checkRenderableName", () => {
  it.each(
    [
      ["", "empty"],
      ["\u202E\u200B \n", "empty"],
      ["a".repeat(5000), "too-long"],
      ["a".repeat(201), "too-long"],
      ["\u0301\u0302\u0303", "only-combining-marks"],
      ["\u0301abc", "leading-combining-mark"],
      ["Ann 🙂", "unsupported-characters"],
      ["👍🏽", "unsupported-characters"],
      ["\uE000", "unsupported-characters"],
      ["محمد Ali", "mixed-direction"],
      ["דוד 2", "mixed-direction"],
    ].map(([name, code]) => [name!.length > 40 ? `${name!.slice(0, 10)}…(${name!.length})` : name, code, name]),
  )("rejects %j as %s", (_, code, name) => {
    const r = checkRenderableName(name!);
    expect(r).toMatchObject({ ok: false, code, field: "recipient.name" });
    expect(r.ok ? "" : r.reason).not.toBe("");
  });

  it.each([
    ["Łukasz Żółć", "NotoSans-Bold", "ltr"],
    ["Ελένη", "NotoSans-Bold", "ltr"],
    ["김민준", "NotoSansKR-Bold", "ltr"],
    ["やまだ", "NotoSansJP-Bold", "ltr"],
    ["张伟", "NotoSansSC-Bold", "ltr"],
    ["渡辺", "NotoSansSC-Bold", "ltr"],
    ["渡辺 さくら", "NotoSansJP-Bold", "ltr"],
    ["प्रिया शर्मा", "NotoSans-Bold", "ltr"], // Noto Sans has Devanagari
    ["সুমাইয়া রহমান", "NotoSansBengali-Bold", "ltr"],
    ["สมชาย ใจดี", "NotoSansThai-Bold", "ltr"],
    ["محمد علي", "NotoSansArabic-Bold", "rtl"],
    ["דוד כהן", "NotoSansHebrew-Bold", "rtl"],
    ["<script>alert(1)</script>", "NotoSans-Bold", "ltr"],
  ])("accepts %s with %s (%s)", (name, font, direction) => {
    expect(checkRenderableName(name)).toMatchObject({ ok: true, name, font, direction });
  });

  it("names the bidi override case after stripping it (RTL override cannot reverse a Latin name)", () => {
    expect(checkRenderableName("\u202Eevil\u202C")).toMatchObject({ ok: true, name: "evil" });
  });

  it("never throws, and accepted names are normalized and short (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => {
        const r = checkRenderableName(s);
        if (r.ok) {
          expect(r.name).toBe(normalizeName(r.name));
          expect([...r.name].length).toBeLessThanOrEqual(200);
          expect(r.name).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\n\r\t]/);
        }
      }),
      runs(500),
    );
  });
});

describe("hostile names", () => {
  const hostile = [
    "",
    "x".repeat(5000),
    "\u0301\u0301",
    "\u202Egnp.exe\u202C",
    "😀",
    "Ann\nLee\r\nSmith",
    "<script>alert(1)</script>",
    // (a name ending in "-" would be joined to the next line by pdftotext's dehyphenation)
    "Robert'); DROP TABLE students;-- x",
    "\u0000\u0007abc",
    "\uD800",
    "(a) [b] {c} \\ ) ( %%EOF",
  ];
  const label = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 20)}…(${s.length})` : s);
  it.each(hostile.map((name) => [label(name), name]))(
    "%s renders safely or is reported unrenderable",
    async (_, name) => {
      const check = checkRenderableName(name);
      const render = renderCertificatePdf(sampleInput({ recipientName: name }), fonts);
      if (!check.ok) {
        await expect(render).rejects.toBeInstanceOf(UnrenderableNameError);
        return;
      }
      const text = await pdfToText(await render);
      expect(text.split("\n")).toContain(check.name);
    },
  );
});

describe("font coverage table", () => {
  it("matches the cmaps of the bundled fonts (regenerate with scripts/gen-font-coverage.mjs)", async () => {
    const names = Object.keys(FONT_FILES) as (keyof typeof FONT_FILES)[];
    const files = Object.fromEntries(names.map((n) => [n.slice(0, n.indexOf("-")), n])) as Record<
      FontFamily,
      keyof typeof FONT_FILES
    >;
    for (const family of Object.keys(FONT_COVERAGE) as FontFamily[]) {
      const font = fontkit.create(await fonts.load(files[family]));
      const actual = [...new Set(font.characterSet)].sort((a, b) => a - b);
      expect(coveredCodePoints(family)).toEqual(actual);
    }
  });
});
