import fc from "fast-check";
import { runs } from "../../support/fast-check-setup";
import { describe, expect, it } from "vitest";
import { validate } from "../../../src/adapters/validation/schemas";
import { mapCertificateRows } from "../../../src/domain/bulk/certificate-rows";
import { parseCsv, type ParsedCsv } from "../../../src/domain/bulk/csv-reader";

const utf8 = (text: string) => new TextEncoder().encode(text);

function parsed(text: string | Uint8Array): ParsedCsv {
  const result = parseCsv(typeof text === "string" ? utf8(text) : text);
  if (!result.ok) throw new Error(`unexpected error: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** RFC 4180 serialisation: quote a field when it holds a comma, quote or line break. */
function serialize(records: string[][], eol: string): string {
  const field = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);
  return records.map((r) => r.map(field).join(",")).join(eol) + eol;
}

describe("parseCsv", () => {
  it("reads UTF-8 with and without BOM alike", () => {
    const text = "name,email\nKim Minjun,kim@example.org\nЛəman,l@example.az\n";
    const plain = parsed(text);
    const withBom = parsed(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]));
    expect(withBom).toEqual(plain);
    expect(plain.header).toEqual(["name", "email"]);
    expect(plain.rows).toEqual([
      { line: 2, fields: ["Kim Minjun", "kim@example.org"] },
      { line: 3, fields: ["Лəman", "l@example.az"] },
    ]);
  });

  it("handles quoted commas, doubled quotes and line breaks, with correct line numbers after them", () => {
    const text = [
      "name,note",
      '"Park, Jung Sook","she said ""hello"""',
      '"multi',
      "line",
      'field",x',
      "after,y",
      '"crlf\r\ninside",z',
      "last,w",
    ].join("\r\n");
    const { rows } = parsed(text);
    expect(rows).toEqual([
      { line: 2, fields: ["Park, Jung Sook", 'she said "hello"'] },
      { line: 3, fields: ["multi\r\nline\r\nfield", "x"] },
      { line: 6, fields: ["after", "y"] },
      { line: 7, fields: ["crlf\r\ninside", "z"] },
      { line: 9, fields: ["last", "w"] },
    ]);
  });

  it("accepts LF, CRLF and lone CR line endings and ignores blank lines", () => {
    for (const eol of ["\n", "\r\n", "\r"]) {
      const { rows } = parsed(["a,b", "1,2", "", ",", "3,4", "", ""].join(eol));
      expect(rows).toEqual([
        { line: 2, fields: ["1", "2"] },
        { line: 5, fields: ["3", "4"] },
      ]);
    }
  });

  it("keeps an empty last field after a trailing comma", () => {
    expect(parsed("a,b,c\n1,2,\n").rows[0]!.fields).toEqual(["1", "2", ""]);
  });

  it("rejects invalid UTF-8 and names the line", () => {
    const bytes = Uint8Array.from([...utf8("name,email\nok,a@b.co\n"), 0x4b, 0xe9, 0x6d, ...utf8(",x@y.co\n")]);
    const result = parseCsv(bytes);
    expect(result).toMatchObject({ error: { code: "ERR_CSV_ENCODING", line: 3 } });
    expect("error" in result && result.error.message).toMatch(/not valid UTF-8/);
    // A lone continuation byte, an overlong encoding and a UTF-16 surrogate encoded in UTF-8.
    for (const bad of [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80]]) {
      expect(parseCsv(Uint8Array.from([...utf8("a\n"), ...bad]))).toMatchObject({
        error: { code: "ERR_CSV_ENCODING" },
      });
    }
  });

  it("reports an unterminated quote at the line where its record starts", () => {
    const result = parseCsv(utf8('a,b\n1,2\n3,"open\nmore\n'));
    expect(result).toMatchObject({ error: { code: "ERR_CSV_UNTERMINATED_QUOTE", line: 3 } });
  });

  it("rejects stray quotes strictly (RFC 4180 §2.5-2.7)", () => {
    expect(parseCsv(utf8('a,b\n1,5" screen\n'))).toMatchObject({ error: { code: "ERR_CSV_MALFORMED", line: 2 } });
    expect(parseCsv(utf8('a,b\n1,\n"x"y,2\n'))).toMatchObject({ error: { code: "ERR_CSV_MALFORMED", line: 3 } });
  });

  it("enforces the size, row and field-length caps", () => {
    expect(parseCsv(new Uint8Array(11), { maxBytes: 10 })).toMatchObject({ error: { code: "ERR_CSV_TOO_LARGE" } });
    expect(parseCsv(utf8(`a\n${"x".repeat(2001)}\n`))).toMatchObject({
      error: { code: "ERR_CSV_FIELD_TOO_LONG", line: 2 },
    });
    expect(parseCsv(utf8(`a\n"${"x\n".repeat(1001)}"\n`))).toMatchObject({
      error: { code: "ERR_CSV_FIELD_TOO_LONG", line: 2 },
    });
    expect(parsed(`a\n${"x".repeat(2000)}\n`).rows).toHaveLength(1);
    const rows = (n: number) => utf8("a\n" + "x\n".repeat(n));
    expect(parsed(rows(10_000)).rows).toHaveLength(10_000);
    expect(parseCsv(rows(10_001))).toMatchObject({ error: { code: "ERR_CSV_TOO_MANY_ROWS", line: 10_002 } });
  });

  it("rejects a file with no header", () => {
    for (const text of ["", "\n\n", ",,\r\n"]) {
      expect(parseCsv(utf8(text))).toMatchObject({ error: { code: "ERR_CSV_EMPTY" } });
    }
  });

  it("property: quoted serialisation of random fields parses back identically", () => {
    const unit = fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
      { weight: 2, arbitrary: fc.constantFrom(",", '"', "\n", "\r", "\r\n", " ", "\uFEFF") },
    );
    const field = fc.string({ unit, maxLength: 20 });
    const record = (width: number) => fc.array(field, { minLength: width, maxLength: width });
    const csv = fc.integer({ min: 1, max: 5 }).chain((width) =>
      fc.record({
        header: record(width).filter((r) => r.some((f) => f !== "")),
        rows: fc.array(
          record(width).filter((r) => r.some((f) => f !== "")),
          { maxLength: 20 },
        ),
        eol: fc.constantFrom("\n", "\r\n"),
      }),
    );
    fc.assert(
      fc.property(csv, ({ header, rows, eol }) => {
        // Always write a BOM: the decoder drops exactly one, so a field's own leading U+FEFF survives.
        const result = parsed("\uFEFF" + serialize([header, ...rows], eol));
        expect(result.header).toEqual(header);
        expect(result.rows.map((r) => r.fields)).toEqual(rows);
      }),
      runs(300),
    );
  });

  it("property: random bytes never throw", () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r", "é", "@") }).map(utf8),
    );
    fc.assert(
      fc.property(bytes, (input) => {
        const result = parseCsv(input);
        if (result.ok)
          mapCertificateRows(result.value, { now: new Date(), validateRow: (r) => validate("certificate-row", r) });
      }),
      runs(1000),
    );
  });
});
