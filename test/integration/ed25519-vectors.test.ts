/**
 * Ed25519 through the production verify path (`ed25519Verify`, WebCrypto inside workerd):
 * RFC 8032 §7.1 and all Wycheproof vectors. This pins the rule set we ship: strict RFC 8032
 * (canonical S, exact lengths), and it never throws, even on signatures of the wrong length.
 */
import { describe, expect, it } from "vitest";
import { ed25519Verify } from "../../src/adapters/crypto/ed25519";
import { fromHex } from "../../src/lib/encoding";
import rfc8032 from "../vectors/ed25519/rfc8032-ed25519.json";
import wycheproof from "../vectors/ed25519/ed25519_test.json";

const hex = (s: string) => fromHex(s)!;

describe("Ed25519 vectors through the production verify path", () => {
  it("RFC 8032 §7.1: every signature verifies, and a flipped bit fails", async () => {
    expect(rfc8032.length).toBe(4);
    for (const v of rfc8032 as { pub: string; msg: string; sig: string }[]) {
      expect(await ed25519Verify(hex(v.sig), hex(v.msg), hex(v.pub))).toBe(true);
      const bad = hex(v.sig);
      bad[0]! ^= 1;
      expect(await ed25519Verify(bad, hex(v.msg), hex(v.pub))).toBe(false);
    }
  });

  it("Wycheproof: all 151 vectors give the expected result", async () => {
    let n = 0;
    const mismatches: number[] = [];
    for (const group of wycheproof.testGroups) {
      const pub = hex(group.publicKey.pk);
      for (const t of group.tests) {
        n++;
        const got = await ed25519Verify(hex(t.sig), hex(t.msg), pub);
        if (got !== (t.result === "valid")) mismatches.push(t.tcId);
      }
    }
    expect(n).toBe(wycheproof.numberOfTests);
    expect(mismatches).toEqual([]);
  });

  it("never throws on malformed inputs (wrong lengths, empty, huge)", async () => {
    const pub = hex((rfc8032 as { pub: string }[])[0]!.pub);
    for (const sig of [new Uint8Array(0), new Uint8Array(63), new Uint8Array(65), new Uint8Array(4096)])
      expect(await ed25519Verify(sig, new Uint8Array(1), pub)).toBe(false);
    expect(await ed25519Verify(new Uint8Array(64), new Uint8Array(1), new Uint8Array(31))).toBe(false);
    expect(await ed25519Verify(new Uint8Array(64), new Uint8Array(1), new Uint8Array(32).fill(0xff))).toBe(false);
  });

  it("a reused public-key buffer with new bytes is not verified against the old key", async () => {
    const [a, b] = rfc8032 as { pub: string; msg: string; sig: string }[];
    const buf = hex(a!.pub);
    expect(await ed25519Verify(hex(a!.sig), hex(a!.msg), buf)).toBe(true);
    buf.set(hex(b!.pub));
    expect(await ed25519Verify(hex(b!.sig), hex(b!.msg), buf)).toBe(true);
    expect(await ed25519Verify(hex(a!.sig), hex(a!.msg), buf)).toBe(false);
  });
});
