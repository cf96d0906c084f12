import { describe, expect, it } from "vitest";
import { validate } from "../../../src/adapters/validation/schemas";
import { mapCertificateRows, parseJsonRows } from "../../../src/domain/bulk/certificate-rows";
import { parseCsv } from "../../../src/domain/bulk/csv-reader";
import type { MappedRows } from "../../../src/domain/bulk/row-types";
import { parseValidUntil } from "../../../src/domain/bulk/valid-until";

const now = new Date("2026-11-02T10:00:00Z");
// The same schema single issuance uses (schemas/certificate-row.json → certificate-fields.json).
const validateRow = (row: Record<string, string>) => validate("certificate-row", row);
const HEADER = "name,email,achievementId,externalId";

function map(text: string, known?: ReadonlySet<string>) {
  const parsed = parseCsv(new TextEncoder().encode(text));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return mapCertificateRows(parsed.value, { now, validateRow, knownAchievementIds: known });
}

function rows(text: string): MappedRows {
  const result = map(text);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

describe("mapCertificateRows", () => {
  it("maps valid rows, matching headers case-insensitively and trimming values", () => {
    const result = rows(
      " Name ,EMAIL,achievementid,ExternalID,validUntil\n" +
        "  Kim Minjun , kim@example.org ,champions-2023-online,ext-1,\n" +
        '"Park, Jung Sook",park@we-gov.org,champions-2023-online,ext-2,2027-06-30\n',
    );
    expect(result.errors).toEqual([]);
    expect(result.valid).toEqual([
      {
        line: 2,
        externalId: "ext-1",
        name: "Kim Minjun",
        email: "kim@example.org",
        achievementId: "champions-2023-online",
      },
      {
        line: 3,
        externalId: "ext-2",
        name: "Park, Jung Sook",
        email: "park@we-gov.org",
        achievementId: "champions-2023-online",
        validUntil: "2027-06-30T23:59:59Z",
      },
    ]);
  });

  it("rejects the whole file when a required column is missing, naming it", () => {
    const result = map("name,contact,achievementId\nA,a@b.co,x\n");
    expect(result).toMatchObject({
      error: { code: "ERR_CSV_MISSING_COLUMN", line: 1, columns: ["email", "externalId"] },
    });
    expect("error" in result && result.error.message).toMatch(/email, externalId.*Unknown columns: contact/);
  });

  it("rejects unknown, unnamed and repeated columns", () => {
    expect(map(`${HEADER},notes\nA,a@b.co,x,1,hi\n`)).toMatchObject({
      error: { code: "ERR_CSV_UNKNOWN_COLUMN", columns: ["notes"] },
    });
    expect(map(`${HEADER},\nA,a@b.co,x,1,\n`)).toMatchObject({
      error: { code: "ERR_CSV_UNKNOWN_COLUMN", columns: ["(unnamed column 5)"] },
    });
    expect(map(`${HEADER},Email\nA,a@b.co,x,1,c@d.co\n`)).toMatchObject({
      error: { code: "ERR_CSV_DUPLICATE_COLUMN", columns: ["email"] },
    });
  });

  it("rejects a header-only file", () => {
    expect(map(`${HEADER}\n`)).toMatchObject({ error: { code: "ERR_CSV_NO_ROWS" } });
  });

  it("reports a wrong field count as a row error", () => {
    const result = rows(`${HEADER}\nA,a@b.co,x,1\nB,b@b.co,x\nC,c@b.co,x,3,extra\n`);
    expect(result.valid.map((r) => r.line)).toEqual([2]);
    expect(result.errors).toEqual([
      { line: 3, field: null, message: "Line 3 has 3 fields but the header has 4." },
      { line: 4, field: null, message: "Line 4 has 5 fields but the header has 4." },
    ]);
  });

  it("flags a duplicate externalId on the later row, naming the earlier line", () => {
    const result = rows(`${HEADER}\nA,a@b.co,x,dup\n"multi\nline",b@b.co,x,other\nC,c@b.co,x,dup\n`);
    expect(result.valid.map((r) => r.externalId)).toEqual(["dup"]);
    // The name with a line break is an error too; the duplicate is on line 5 (after the 2-line record).
    expect(result.errors).toContainEqual({
      line: 5,
      field: "externalId",
      message: 'externalId "dup" is already used on line 2.',
    });
    expect(result.errors.find((e) => e.line === 3)?.field).toBe("name");
  });

  it("checks each field", () => {
    const cases: Array<[string, string]> = [
      [" ,a@b.co,x,1", "name"],
      [`${"n".repeat(201)},a@b.co,x,1`, "name"],
      ["A\u202Eevil,a@b.co,x,1", "name"],
      ["A,,x,1", "email"],
      ["A,not-an-email,x,1", "email"],
      ["A,a@localhost,x,1", "email"],
      ["A,a..b@example.org,x,1", "email"],
      ["A,a b@example.org,x,1", "email"],
      [`A,${"a".repeat(65)}@example.org,x,1`, "email"],
      [`A,a@${"d".repeat(250)}.org,x,1`, "email"],
      ["A,a@b.co,Upper-Case,1", "achievementId"],
      [`A,a@b.co,${"x".repeat(65)},1`, "achievementId"],
      ["A,a@b.co,,1", "achievementId"],
      ["A,a@b.co,x,", "externalId"],
      [`A,a@b.co,x,${"e".repeat(129)}`, "externalId"],
    ];
    for (const [row, field] of cases) {
      const result = rows(`${HEADER}\n${row}\n`);
      expect(result.valid, row).toEqual([]);
      expect(
        result.errors.map((e) => e.field),
        row,
      ).toEqual([field]);
    }
    const ok = rows(`${HEADER}\n김민준,kim.minjun+certs@example.co.kr,x,1\nÉlise,élise@exämple.fr,x,2\n`);
    expect(ok.errors).toEqual([]);
  });

  it("checks achievementId against the catalogue when given", () => {
    const result = map(`${HEADER}\nA,a@b.co,known,1\nB,b@b.co,unknown,2\n`, new Set(["known"]));
    expect(result).toMatchObject({
      ok: true,
      value: {
        valid: [{ line: 2 }],
        errors: [{ line: 3, field: "achievementId", message: 'Unknown achievement "unknown".' }],
      },
    });
  });

  it("validUntil must parse and be after now", () => {
    const header = `${HEADER},validUntil`;
    const result = rows(
      `${header}\nA,a@b.co,x,1,2026-11-01\nB,b@b.co,x,2,2026-11-02T09:59:59Z\nC,c@b.co,x,3,tomorrow\n` +
        `D,d@b.co,x,4,2026-11-02T19:00:01+09:00\nE,e@b.co,x,5,2026-11-02\n`,
    );
    expect(result.errors).toEqual([
      { line: 2, field: "validUntil", message: "validUntil must be in the future." },
      { line: 3, field: "validUntil", message: "validUntil must be in the future." },
      { line: 4, field: "validUntil", message: expect.stringMatching(/^validUntil must be a date \(2027-06-30\)/) },
    ]);
    expect(result.valid.map((r) => r.validUntil)).toEqual(["2026-11-02T10:00:01Z", "2026-11-02T23:59:59Z"]);
  });

  it("10,000 rows with 1% bad rows: 9,900 valid and 100 errors on the right lines", () => {
    const lines = [HEADER];
    const badLines: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const line = i + 2;
      const bad = i % 100 === 42;
      if (bad) badLines.push(line);
      lines.push(`Person ${i},${bad ? "broken-at-example.org" : `p${i}@example.org`},champions-2023-online,ext-${i}`);
    }
    const result = rows(lines.join("\r\n") + "\r\n");
    expect(result.valid).toHaveLength(9_900);
    expect(result.errors).toHaveLength(100);
    expect(result.errors.map((e) => e.line)).toEqual(badLines);
    expect(new Set(result.errors.map((e) => e.field))).toEqual(new Set(["email"]));
  });
});

describe("parseValidUntil", () => {
  it("normalises to UTC and rejects impossible or zone-less values", () => {
    expect(parseValidUntil("2028-02-29")).toBe("2028-02-29T23:59:59Z");
    expect(parseValidUntil("2027-01-01T00:00:00-05:30")).toBe("2027-01-01T05:30:00Z");
    expect(parseValidUntil("2027-01-01T00:00:00.1234Z")).toBe("2027-01-01T00:00:00.123Z");
    for (const bad of [
      "2027-02-29",
      "2027-13-01",
      "2027-04-31",
      "2027-01-01T00:00:00",
      "2027-01-01 00:00:00Z",
      "2027-01-01T24:00:00Z",
      "2027-01-01T00:00:60Z",
      "2027-01-01T00:00:00+24:00",
      "27-01-01",
      "2027-1-1",
      "2027-01-01t00:00:00z",
    ]) {
      expect(parseValidUntil(bad), bad).toBeNull();
    }
  });
});

describe("parseJsonRows", () => {
  const good = { name: "Kim", email: "kim@example.org", achievementId: "x", externalId: "e1" };

  it("accepts rows and numbers them from 1", () => {
    const result = parseJsonRows(
      {
        rows: [
          good,
          { ...good, externalId: "e2", validUntil: "2027-01-01" },
          { ...good, externalId: "e3", validUntil: null },
        ],
      },
      { now, validateRow },
    );
    expect(result).toEqual({
      ok: true,
      value: {
        valid: [
          { line: 1, ...good },
          { line: 2, ...good, externalId: "e2", validUntil: "2027-01-01T23:59:59Z" },
          { line: 3, ...good, externalId: "e3" },
        ],
        errors: [],
      },
    });
  });

  it("rejects unknown properties, wrong types and non-object rows per row", () => {
    const rowsIn: unknown[] = [
      { ...good, role: "admin" },
      JSON.parse('{"name":"A","email":"a@b.co","achievementId":"x","externalId":"e2","__proto__":{"x":1}}'),
      { ...good, externalId: 7 },
      { ...good, externalId: "e4", name: undefined },
      "not a row",
      null,
      { ...good, externalId: "e1" },
    ];
    const result = parseJsonRows({ rows: rowsIn }, { now, validateRow });
    expect(result.ok && result.value.errors).toEqual([
      { line: 1, field: "role", message: 'Unknown property "role".' },
      { line: 2, field: "__proto__", message: 'Unknown property "__proto__".' },
      { line: 3, field: "externalId", message: "externalId must be a string." },
      { line: 4, field: "name", message: "name must be a string." },
      { line: 5, field: null, message: "Row 5 must be an object." },
      { line: 6, field: null, message: "Row 6 must be an object." },
      { line: 7, field: "externalId", message: 'externalId "e1" is already used on row 1.' },
    ]);
    expect(result.ok && result.value.valid).toEqual([]);
  });

  it("rejects a malformed body as a whole", () => {
    for (const body of [null, [], "x", { rows: "x" }, {}]) {
      expect(parseJsonRows(body, { now, validateRow })).toMatchObject({ error: { code: "ERR_ROWS_INVALID" } });
    }
    expect(parseJsonRows({ rows: [], extra: 1 }, { now, validateRow })).toMatchObject({
      error: { code: "ERR_ROWS_INVALID", columns: ["extra"] },
    });
    expect(parseJsonRows({ rows: [] }, { now, validateRow })).toMatchObject({ error: { code: "ERR_ROWS_EMPTY" } });
    expect(parseJsonRows({ rows: [good, good] }, { now, validateRow, maxRows: 1 })).toMatchObject({
      error: { code: "ERR_ROWS_TOO_MANY" },
    });
  });
});
