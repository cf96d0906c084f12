/**
 * Hostile `encodedList` values for decodeStatusList (src/domain/status-list.ts), beyond
 * test/unit/status-list: concatenated and nested gzip members, bombs split across members,
 * trailing garbage, other compression formats, header-field abuse. decodeStatusList must never
 * throw, never return more than maxBytes, and never return bytes other than what the stream holds.
 */
import { deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import fc from "fast-check";
import { runs } from "../support/fast-check-setup";
import { describe, expect, it } from "vitest";
import { decodeStatusList, MAX_DECODED_BYTES } from "../../src/domain/status-list";

const mb = (b: Uint8Array) => "u" + Buffer.from(b).toString("base64url");
const cat = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts));
const isErr = (r: unknown): r is { error: string } => typeof r === "object" && r !== null && "error" in r;

/** A gzip member with FNAME / FCOMMENT / FEXTRA header fields written by hand (RFC 1952 §2.3). */
function gzipWithHeader(
  data: Uint8Array,
  opts: { name?: Uint8Array; comment?: Uint8Array; extra?: Uint8Array },
): Uint8Array {
  const plain = gzipSync(data);
  const body = plain.subarray(10); // deflate data + CRC32 + ISIZE
  let flg = 0;
  const fields: Uint8Array[] = [];
  if (opts.extra) {
    flg |= 4;
    fields.push(Uint8Array.of(opts.extra.length & 0xff, opts.extra.length >> 8), opts.extra);
  }
  if (opts.name) {
    flg |= 8;
    fields.push(opts.name, Uint8Array.of(0));
  }
  if (opts.comment) {
    flg |= 16;
    fields.push(opts.comment, Uint8Array.of(0));
  }
  return cat(Uint8Array.of(0x1f, 0x8b, 8, flg, 0, 0, 0, 0, 0, 0xff), ...fields, body);
}

describe("decodeStatusList: hostile gzip", () => {
  it("concatenated members: the whole stream or an error, never only part of it silently", async () => {
    const a = new Uint8Array(16_384).fill(0x0f);
    const b = new Uint8Array(16_384).fill(0xf0);
    const r = await decodeStatusList(mb(cat(gzipSync(a), gzipSync(b))));
    if (isErr(r)) expect(r.error).toBe("ERR_STATUS_LIST_ENCODING");
    else expect(Buffer.from(r).equals(Buffer.concat([a, b]))).toBe(true);
    console.log(`two concatenated gzip members: ${isErr(r) ? r.error : `decoded ${r.length} bytes`}`);
  });

  it("a bomb split across many members is stopped at the cap (TOO_LARGE), not per member", async () => {
    const member = gzipSync(Buffer.alloc(1024 * 1024), { level: 9 }); // ~1 KiB each
    const members = Array.from({ length: 20 }, () => member); // 20 MiB in total > 16 MiB
    const r = await decodeStatusList(mb(cat(...members)));
    expect(isErr(r)).toBe(true);
    expect((r as { error: string }).error).toMatch(/^ERR_STATUS_LIST_(TOO_LARGE|ENCODING)$/);
    const small = await decodeStatusList(mb(cat(...members.slice(0, 3))), { maxBytes: 2 * 1024 * 1024 });
    expect(isErr(small)).toBe(true);
  });

  it("many tiny empty members (CPU, not memory) are bounded by the encoded-length cap", async () => {
    const empty = gzipSync(new Uint8Array(0));
    const many = cat(...Array.from({ length: 50_000 }, () => empty)); // ~1 MiB of headers
    const r = await decodeStatusList(mb(many));
    expect(isErr(r)).toBe(true);
    const over = await decodeStatusList(mb(many), { maxEncodedLength: 100_000 });
    expect(over).toMatchObject({ error: "ERR_STATUS_LIST_TOO_LARGE" });
  });

  it("nested gzip (a gzip of a gzip bomb) decodes one layer only", async () => {
    const inner = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    const outer = gzipSync(gzipSync(inner));
    const r = await decodeStatusList(mb(outer));
    // One layer down is ~64 KiB of compressed bytes: short or bytes, never the 64 MiB.
    if (!isErr(r)) expect(r.length).toBeLessThanOrEqual(inner.length + 1024);
    else expect(r.error).toMatch(/^ERR_STATUS_LIST_(SHORT|ENCODING)$/);
    const r2 = await decodeStatusList(mb(gzipSync(inner)), { minBits: 0 });
    expect(isErr(r2)).toBe(false);
    expect(Buffer.from(r2 as Uint8Array).equals(inner)).toBe(true);
  });

  it("trailing garbage after a valid member is an error or ignored, never changes the bits", async () => {
    const bits = new Uint8Array(16_384);
    bits[3] = 0x80;
    for (const tail of [
      Uint8Array.of(0),
      Uint8Array.of(0x1f, 0x8b),
      new Uint8Array(100).fill(0x41),
      gzipSync(Buffer.from("x")).subarray(0, 12),
    ]) {
      const r = await decodeStatusList(mb(cat(gzipSync(bits), tail)));
      if (!isErr(r)) expect(Buffer.from(r).subarray(0, bits.length).equals(Buffer.from(bits))).toBe(true);
      else expect(r.error).toMatch(/^ERR_STATUS_LIST_/);
    }
  });

  it("zlib and raw deflate streams (not gzip) are ENCODING errors", async () => {
    const bits = new Uint8Array(16_384);
    for (const b of [deflateSync(bits), deflateRawSync(bits)]) {
      expect(await decodeStatusList(mb(b))).toMatchObject({ error: "ERR_STATUS_LIST_ENCODING" });
    }
  });

  it("gzip header abuse (huge FNAME/FCOMMENT/FEXTRA, bad method, reserved flags) never throws", async () => {
    const bits = new Uint8Array(16_384);
    const big = new Uint8Array(60_000).fill(0x61);
    const cases = [
      gzipWithHeader(bits, { name: big }),
      gzipWithHeader(bits, { comment: big }),
      gzipWithHeader(bits, { extra: big.subarray(0, 65_000) }),
      gzipWithHeader(bits, { name: new Uint8Array(200_000).fill(0x62) }),
    ];
    const plain = gzipSync(bits);
    cases.push(cat(plain.subarray(0, 2), Uint8Array.of(7), plain.subarray(3))); // CM != 8
    cases.push(cat(plain.subarray(0, 3), Uint8Array.of(0xe0), plain.subarray(4))); // reserved FLG bits
    cases.push(cat(plain.subarray(0, 3), Uint8Array.of(8), plain.subarray(4))); // FNAME without a terminator
    for (const c of cases) {
      const r = await decodeStatusList(mb(c));
      if (!isErr(r)) expect(Buffer.from(r).equals(Buffer.from(bits))).toBe(true);
      else expect(r.error).toMatch(/^ERR_STATUS_LIST_/);
    }
  });

  it("property: random member sequences never throw and never exceed maxBytes", async () => {
    const member = fc.oneof(
      fc.uint8Array({ maxLength: 3000 }).map((b) => Uint8Array.from(gzipSync(b))),
      fc.integer({ min: 0, max: 3 * 1024 * 1024 }).map((n) => Uint8Array.from(gzipSync(Buffer.alloc(n), { level: 9 }))),
      fc.uint8Array({ maxLength: 64 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(member, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 4 * 1024 * 1024 }),
        async (members, maxBytes) => {
          const r = await decodeStatusList(mb(cat(...members)), { maxBytes, minBits: 0 });
          if (!isErr(r)) expect(r.length).toBeLessThanOrEqual(maxBytes);
          else expect(r.error).toMatch(/^ERR_STATUS_LIST_(ENCODING|TOO_LARGE|SHORT)$/);
        },
      ),
      runs(60),
    );
    expect(MAX_DECODED_BYTES).toBe(16 * 1024 * 1024);
  });
});
