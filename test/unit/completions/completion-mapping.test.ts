/** Field mapping of platform events (JSON Pointers, RFC 6901) and the encryption of stored secrets. */
import { webcrypto } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSecretBox } from "../../../src/adapters/crypto/secret-box";
import {
  DEFAULT_FIELDS,
  extractCompletion,
  isPointer,
  pageLanguage,
  resolvePointer,
} from "../../../src/domain/completion-mapping";

// Thinkific's documented `enrollment.completed` shape (resource/action/payload), abridged.
const THINKIFIC = {
  id: "20190131192005552012814",
  resource: "enrollment",
  action: "completed",
  payload: {
    id: 3,
    course: { id: 68, name: "Smart city basics" },
    user: { email: "john@example.org", first_name: "John", id: 94, last_name: "Doe" },
  },
};

describe("JSON Pointer (RFC 6901)", () => {
  const doc = { foo: ["bar", "baz"], "": 0, "a/b": 1, "m~n": 8, k: { "0": "zero" } };
  it("resolves the RFC's examples and escapes", () => {
    expect(resolvePointer(doc, "/foo/0")).toBe("bar");
    expect(resolvePointer(doc, "/")).toBe(0);
    expect(resolvePointer(doc, "/a~1b")).toBe(1);
    expect(resolvePointer(doc, "/m~0n")).toBe(8);
    expect(resolvePointer(doc, "/k/0")).toBe("zero");
  });
  it("is undefined for missing steps, bad indices, prototype keys and invalid pointers", () => {
    expect(resolvePointer(doc, "/foo/2")).toBeUndefined();
    expect(resolvePointer(doc, "/foo/01")).toBeUndefined();
    expect(resolvePointer(doc, "/__proto__")).toBeUndefined();
    expect(resolvePointer(doc, "/foo/length")).toBeUndefined();
    expect(isPointer("foo")).toBe(false);
    expect(isPointer("/a~2")).toBe(false);
  });
});

describe("extractCompletion", () => {
  it("maps Thinkific's enrollment.completed with the default mapping (numbers as ids, name in two parts)", () => {
    expect(extractCompletion(THINKIFIC, DEFAULT_FIELDS.thinkific!)).toEqual({
      ok: true,
      value: { course: "68", enrolment: "3", name: "John Doe", email: "john@example.org" },
    });
  });
  it("names the field and pointer that is missing", () => {
    const noUser = { ...THINKIFIC, payload: { ...THINKIFIC.payload, user: { email: "x@example.org" } } };
    const r = extractCompletion(noUser, DEFAULT_FIELDS.thinkific!);
    expect(r.ok).toBe(false);
    expect(!r.ok && [r.error.code, r.error.field]).toEqual(["ERR_COMPLETION_FIELD", "name"]);
    const noCourse = extractCompletion({ data: {} }, DEFAULT_FIELDS.generic!);
    expect(!noCourse.ok && [noCourse.error.field, noCourse.error.pointer]).toEqual(["course", "/data/course/id"]);
  });
  it("refuses objects and blank strings where text is expected", () => {
    const r = extractCompletion(
      { data: { course: { id: { x: 1 } }, learner: { name: " ", email: "a@example.org" } } },
      DEFAULT_FIELDS.generic!,
    );
    expect(!r.ok && r.error.field).toBe("course");
  });
  it("reads a platform locale as a page language", () => {
    expect([pageLanguage("ko_KR"), pageLanguage("ko-KR"), pageLanguage("en"), pageLanguage("fr")]).toEqual([
      "ko",
      "ko",
      "en",
      undefined,
    ]);
  });
});

describe("secret box (AES-256-GCM, bound to its row)", () => {
  const key = Buffer.from(webcrypto.getRandomValues(new Uint8Array(32))).toString("base64url");
  it("opens what it sealed only in the same context, and never stores the plaintext", async () => {
    const box = await createSecretBox(key);
    const sealed = await box.seal("whsec_c2VjcmV0", "wego-source-key/a/k1/webhook");
    expect(sealed).not.toContain("c2VjcmV0");
    expect(await box.open(sealed, "wego-source-key/a/k1/webhook")).toBe("whsec_c2VjcmV0");
    expect(await box.open(sealed, "wego-source-key/b/k1/webhook")).toBeNull();
    // One ciphertext character changed in the middle (the last may only carry padding bits).
    const mid = sealed.length - 10;
    const flipped = sealed.slice(0, mid) + (sealed[mid] === "A" ? "B" : "A") + sealed.slice(mid + 1);
    expect(await box.open(flipped, "wego-source-key/a/k1/webhook")).toBeNull();
    const other = await createSecretBox(Buffer.from(new Uint8Array(32)).toString("base64url"));
    expect(await other.open(sealed, "wego-source-key/a/k1/webhook")).toBeNull();
  });
  it("refuses a key that is not 32 bytes", async () => {
    await expect(createSecretBox("c2hvcnQ")).rejects.toThrow(/32 bytes/);
  });
});
