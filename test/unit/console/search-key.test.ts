/** Folded names: accent-, case- and script-aware matching for the console's Find page. */
import { describe, expect, it } from "vitest";
import { likeEscape, searchKey } from "../../../src/lib/search-key";

const matches = (name: string, typed: string) => searchKey(name).includes(searchKey(typed));

describe("searchKey", () => {
  it("ignores accents and capitals in Latin, Greek and Cyrillic names", () => {
    expect(matches("Ləman Əliyeva", "leman")).toBe(true);
    expect(matches("Ελένη Παπαδοπούλου", "ΕΛΕΝΗ")).toBe(true);
    expect(matches("José Müller-Lüdenscheidt", "jose muller")).toBe(true);
    expect(matches("Ørsted Łukasz Straße", "orsted lukasz strasse")).toBe(true);
    expect(matches("Анна Ёлкина", "анна елкина")).toBe(true);
  });

  it("finds Hangul names by whole or partial syllables, and full-width forms", () => {
    expect(matches("김민준", "민준")).toBe(true);
    expect(matches("김민준", "김민")).toBe(true);
    expect(matches("김민준", "박")).toBe(false);
    expect(matches("ＡＢＣ Lee", "abc")).toBe(true);
  });

  it("collapses white space and escapes LIKE wildcards", () => {
    expect(searchKey("  Anna \t  Lee ")).toBe("anna lee");
    expect(likeEscape("50%_a\\b")).toBe("50\\%\\_a\\\\b");
  });
});
