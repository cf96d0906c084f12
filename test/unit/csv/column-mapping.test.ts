import { describe, expect, it } from "vitest";
import { describeHeader, headerKey, mapHeader } from "../../../src/domain/bulk/column-mapping";

describe("column mapping", () => {
  it("reads headers without case, accents, spaces or punctuation", () => {
    expect(["E-mail", " Full Name ", "E‑MAIL ADDRESS", "Ｅｍａｉｌ", "이메일"].map(headerKey)).toEqual([
      "email",
      "fullname",
      "emailaddress",
      "email",
      "이메일",
    ]);
  });

  it("matches our names, then synonyms; an explicit mapping wins over both", () => {
    const report = describeHeader(["NAME", "E-mail", "Workshop", "Notes"], { columnMapping: { Notes: null } });
    expect(report.columns.map((c) => [c.field, c.by])).toEqual([
      ["name", "name"],
      ["email", "synonym"],
      ["achievementId", "synonym"],
      [null, "mapping"],
    ]);
    expect(report.missing).toEqual(["externalId"]);
    const swapped = describeHeader(["name", "email"], { columnMapping: { name: "email", email: "name" } });
    expect(swapped.columns.map((c) => c.field)).toEqual(["email", "name"]);
  });

  it("defaults and a derived externalId count as provided; unknown and repeated columns are file errors", () => {
    const opts = { defaults: { achievementId: "x" }, deriveExternalId: () => "id" };
    expect(describeHeader(["name", "email"], opts)).toMatchObject({
      missing: [],
      provided: [
        { field: "achievementId", by: "default" },
        { field: "externalId", by: "derived" },
      ],
    });
    expect(mapHeader(["name", "email", "Phone"], 1, opts)).toMatchObject({
      error: { code: "ERR_CSV_UNKNOWN_COLUMN", columns: ["Phone"] },
    });
    expect(mapHeader(["name", "email", "E-mail"], 1, opts)).toMatchObject({
      error: { code: "ERR_CSV_DUPLICATE_COLUMN", columns: ["email"] },
    });
    expect(mapHeader(["name", "email", "Phone"], 1, { ...opts, columnMapping: { Phone: null } })).toEqual({
      ok: true,
      value: ["name", "email", null],
    });
  });
});
