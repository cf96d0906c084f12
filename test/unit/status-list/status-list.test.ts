import { gunzipSync, gzipSync } from "node:zlib";
import fc from "fast-check";
import { runs } from "../../support/fast-check-setup";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  Bitstring,
  buildStatusListCredential,
  decodeStatusList,
  encodeStatusList,
  parseStatusListIndex,
  STATUS_LIST_SIZE,
} from "../../../src/domain/status-list";

/** Multibase base64url (no padding) of arbitrary bytes, written independently of the module. */
function multibase(bytes: Uint8Array): string {
  return "u" + Buffer.from(bytes).toString("base64url");
}

describe("Bitstring", () => {
  it("is 16 KiB by default", () => {
    const bits = Bitstring.zeroed();
    expect(STATUS_LIST_SIZE).toBe(131_072);
    expect(bits.bytes.length).toBe(16_384);
    expect(bits.length).toBe(STATUS_LIST_SIZE);
  });

  it("puts index 0 in the most significant bit of the first byte (spec bit order)", () => {
    const bits = Bitstring.zeroed();
    bits.set(0, true);
    expect(bits.bytes[0]).toBe(0x80);
    bits.set(7, true);
    expect(bits.bytes[0]).toBe(0x81);
    bits.set(8, true);
    expect(bits.bytes[1]).toBe(0x80);
    bits.set(0, false);
    expect(bits.bytes[0]).toBe(0x01);
    expect(bits.get(7)).toBe(true);
    expect(bits.get(6)).toBe(false);
  });

  it("throws RangeError outside the list and says so via isValidIndex", () => {
    const bits = Bitstring.zeroed(16);
    expect(bits.isValidIndex(15)).toBe(true);
    for (const bad of [-1, 16, 1.5, Number.NaN]) {
      expect(bits.isValidIndex(bad)).toBe(false);
      expect(() => bits.get(bad)).toThrow(RangeError);
    }
  });
});

describe("parseStatusListIndex", () => {
  it("accepts canonical decimal strings in range only", () => {
    expect(parseStatusListIndex("0", 8)).toBe(0);
    expect(parseStatusListIndex("7", 8)).toBe(7);
    for (const bad of ["8", "-1", "01", "1.0", " 1", "", "1e3", 3, null, "99999999999999999"]) {
      expect(parseStatusListIndex(bad, 8)).toBeNull();
    }
  });
});

describe("encodeStatusList / decodeStatusList", () => {
  it("round-trips and is multibase base64url without padding", async () => {
    const bits = Bitstring.zeroed();
    bits.set(0, true);
    bits.set(94_567, true);
    bits.set(STATUS_LIST_SIZE - 1, true);
    const encoded = await encodeStatusList(bits.bytes);
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    const decoded = await decodeStatusList(encoded);
    expect(decoded).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(decoded as Uint8Array).equals(Buffer.from(bits.bytes))).toBe(true);
  });

  it("produces a GZIP stream an independent decoder (node:zlib) reads with the spec's bit order", async () => {
    const bits = Bitstring.zeroed();
    bits.set(12_345, true);
    const encoded = await encodeStatusList(bits.bytes);
    const raw = gunzipSync(Buffer.from(encoded.slice(1), "base64url"));
    expect(raw.length).toBe(16_384);
    // Index 12345 = byte 1543, bit 1 from the left.
    expect(raw[1543]).toBe(0x80 >> 1);
    expect(raw.reduce((sum, b) => sum + b, 0)).toBe(0x40);
  });

  it("decodes a list produced by node:zlib", async () => {
    const raw = new Uint8Array(16_384);
    raw[0] = 0x80;
    const decoded = new Bitstring((await decodeStatusList(multibase(gzipSync(raw)))) as Uint8Array);
    expect(decoded.get(0)).toBe(true);
    expect(decoded.get(1)).toBe(false);
  });

  it("rejects a list shorter than the spec minimum, unless minBits allows it", async () => {
    const short = multibase(gzipSync(new Uint8Array(1024)));
    expect(await decodeStatusList(short)).toMatchObject({ error: "ERR_STATUS_LIST_SHORT" });
    expect(await decodeStatusList(short, { minBits: 8192 })).toBeInstanceOf(Uint8Array);
  });

  it("returns errors for corrupt input, never throws", async () => {
    const good = await encodeStatusList(new Uint8Array(16_384));
    const gz = gzipSync(new Uint8Array(16_384));
    const cases: unknown[] = [
      "",
      "u",
      good.slice(1), // no multibase prefix
      "z" + good.slice(1), // base58btc prefix
      "m" + Buffer.from(gz).toString("base64"), // multibase base64 (not url)
      good + "=", // padding
      good + "A", // impossible length or non-canonical bits
      "u" + "!!!!",
      "u" + "ü".repeat(8),
      multibase(new TextEncoder().encode("not gzip at all")),
      multibase(gz.subarray(0, gz.length - 6)), // truncated
      multibase(Uint8Array.from([...gz.subarray(0, 20), ...gz.subarray(20).map((b) => b ^ 0xff)])),
      multibase(Uint8Array.from([...gz.subarray(0, gz.length - 4), 0, 0, 0, 0])), // wrong ISIZE
      multibase(Uint8Array.from([...gz.subarray(0, gz.length - 8), 1, 2, 3, 4, ...gz.subarray(gz.length - 4)])), // CRC
      42,
      null,
    ];
    for (const input of cases) {
      const result = await decodeStatusList(input as string);
      expect(result, String(input).slice(0, 40)).toHaveProperty("error");
      expect((result as { error: string }).error).toMatch(/^ERR_STATUS_LIST_(ENCODING|SHORT)$/);
    }
  });

  it("rejects an encoded string over the length cap before decoding", async () => {
    const result = await decodeStatusList("u" + "A".repeat(100), { maxEncodedLength: 50 });
    expect(result).toMatchObject({ error: "ERR_STATUS_LIST_TOO_LARGE" });
  });

  it("never throws on random strings and random gzip payloads", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.uint8Array({ maxLength: 200 }).map((b) => multibase(b)),
          fc.uint8Array({ maxLength: 200 }).map((b) => multibase(Uint8Array.from([0x1f, 0x8b, 8, 0, ...b]))),
        ),
        async (input) => {
          const result = await decodeStatusList(input, { minBits: 0 });
          expect(result instanceof Uint8Array || typeof result.error === "string").toBe(true);
        },
      ),
      runs(300),
    );
  });

  describe("gzip bomb", () => {
    afterEach(() => vi.unstubAllGlobals());

    it("stops reading once the output passes the cap and returns TOO_LARGE", async () => {
      const bomb = multibase(gzipSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 }));
      expect(bomb.length).toBeLessThan(200_000);

      // Count what the decoder actually pulls out of the DecompressionStream.
      let pulled = 0;
      const Real = DecompressionStream;
      class Counting {
        readonly writable: WritableStream;
        readonly readable: ReadableStream<Uint8Array>;
        constructor(format: "gzip") {
          const inner = new Real(format);
          this.writable = inner.writable;
          this.readable = (inner.readable as ReadableStream<Uint8Array>).pipeThrough(
            new TransformStream<Uint8Array, Uint8Array>({
              transform(chunk, controller) {
                pulled += chunk.length;
                controller.enqueue(chunk);
              },
            }),
          );
        }
      }
      vi.stubGlobal("DecompressionStream", Counting);

      const started = performance.now();
      const result = await decodeStatusList(bomb);
      const elapsed = performance.now() - started;
      expect(result).toMatchObject({ error: "ERR_STATUS_LIST_TOO_LARGE" });
      expect(pulled).toBeGreaterThan(16 * 1024 * 1024);
      expect(pulled).toBeLessThan(20 * 1024 * 1024);
      expect(elapsed).toBeLessThan(2_000);

      pulled = 0;
      expect(await decodeStatusList(bomb, { maxBytes: 1024 * 1024 })).toMatchObject({
        error: "ERR_STATUS_LIST_TOO_LARGE",
      });
      expect(pulled).toBeLessThan(2 * 1024 * 1024);
    });
  });

  it("property: decode(encode(bits)) has exactly the indices that were set", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 0, max: STATUS_LIST_SIZE - 1 }), { maxLength: 200 }),
        async (indices) => {
          const bits = Bitstring.zeroed();
          for (const i of indices) bits.set(i, true);
          const decoded = await decodeStatusList(await encodeStatusList(bits.bytes));
          expect(decoded).toBeInstanceOf(Uint8Array);
          const back = new Bitstring(decoded as Uint8Array);
          const set: number[] = [];
          for (let i = 0; i < back.length; i++) if (back.get(i)) set.push(i);
          expect(set).toEqual([...indices].sort((a, b) => a - b));
        },
      ),
      runs(50),
    );
  });
});

describe("buildStatusListCredential", () => {
  it("builds the unsigned BitstringStatusListCredential of spec §2.2", () => {
    const credential = buildStatusListCredential({
      id: "https://certs.example/status/1",
      issuerDid: "did:web:certs.example",
      purpose: "revocation",
      encodedList: "uH4sI",
      validFrom: "2026-11-02T10:00:00Z",
    });
    expect(credential).toEqual({
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      id: "https://certs.example/status/1",
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      issuer: "did:web:certs.example",
      validFrom: "2026-11-02T10:00:00Z",
      credentialSubject: {
        id: "https://certs.example/status/1#list",
        type: "BitstringStatusList",
        statusPurpose: "revocation",
        encodedList: "uH4sI",
      },
    });
  });

  it("adds validUntil and ttl only when given", () => {
    const credential = buildStatusListCredential({
      id: "https://certs.example/status/2",
      issuerDid: "did:web:certs.example",
      purpose: "suspension",
      encodedList: "uH4sI",
      validFrom: "2026-11-02T10:00:00Z",
      validUntil: "2026-11-03T10:00:00Z",
      ttl: 300_000,
    });
    expect(credential.validUntil).toBe("2026-11-03T10:00:00Z");
    expect(credential.credentialSubject).toMatchObject({ statusPurpose: "suspension", ttl: 300_000 });
  });
});
