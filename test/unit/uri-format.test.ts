/**
 * The fast `uri` format path (src/adapters/validation/uri-format.ts) accepts only strings the
 * library's own RFC 3986 check accepts, so the format check as a whole is unchanged; and it covers
 * the URIs our credentials carry.
 */
import fc from "fast-check";
import { format } from "@cfworker/json-schema";
import { describe, expect, it } from "vitest";
import { FAST_URI, libraryUri } from "../../src/adapters/validation/uri-format";
import { validate } from "../../src/adapters/validation/schemas";
import { runs } from "../support/fast-check-setup";

const ALPHABET = [..."aZ09+-._~!$&'()*,;=:@/?#%[]fF \"<>\\^`{|}é", "%2F", "%zz", "//", "::", "https://", "urn:"];

describe("the uri format's fast path", () => {
  it("matches only strings the library's check accepts (random URI-like strings)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("", "https://", "a:", "urn:uuid:", "did:web:"),
        fc.array(fc.constantFrom(...ALPHABET), { maxLength: 24 }),
        (scheme, parts) => {
          const s = scheme + parts.join("");
          if (FAST_URI.test(s)) expect(libraryUri(s), s).toBe(true);
          expect(format.uri!(s), s).toBe(libraryUri(s));
        },
      ),

      runs(3000),
    );
  });

  it("takes our credentials' URIs, and defers the rest to the library", () => {
    validate("credential", {}); // (installs the fast path, as the service does at start-up)
    for (const s of [
      "https://wego.example/c/Q2VydGlmaWNhdGVJZDAwMQ",
      "http://127.0.0.1:8787/status/r1#94567",
      "urn:uuid:5f0c4c2e-8c1e-4b8e-9d6a-0d8e0b9e7a11",
      "did:web:wego.example",
      "did:web:wego.example#key-2026-01",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]) {
      expect(FAST_URI.test(s), s).toBe(true);
      expect(format.uri!(s), s).toBe(true);
    }
    for (const [s, valid] of [
      ["https://user@[::1]:8080/x", true],
      ["https://ex%41mple.org/", true],
      ["relative/path", false],
      ["#fragment", false],
      ["https://exa mple.org/", false],
      ["1http://x", false],
    ] as const) {
      expect(FAST_URI.test(s), s).toBe(false);
      expect(format.uri!(s), s).toBe(valid);
    }
  });
});
