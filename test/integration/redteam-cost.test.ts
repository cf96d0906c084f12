/**
 * Red team: cost of one public request. The validator used to collect every error of a hostile
 * input (shortCircuit=false): 25,000 wrong array items cost hundreds of ms and overflowed the
 * stack (RangeError → 500). The work is measured here as error units collected, not by time.
 */
import { describe, expect, it } from "vitest";
import { validationWork } from "../../src/adapters/validation/schemas";
import { call } from "../support/api";

const CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"];
const TYPE = ["VerifiableCredential", "OpenBadgeCredential"];

async function timed(path: string, init: RequestInit) {
  const t0 = Date.now();
  const res = await call(path, init);
  const text = new TextDecoder().decode(await res.arrayBuffer());
  return { status: res.status, text, ms: Date.now() - t0 };
}

function verifyBody(credential: unknown) {
  return {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ verifiableCredential: credential }),
  } satisfies RequestInit;
}

function b64u(s: string) {
  return btoa(String.fromCharCode(...new TextEncoder().encode(s)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

describe("redteam: schema validation cost and crashes", () => {
  it("credentialStatus with 25 000 empty objects (75 KB) is a 400 verdict, not a 500 (RangeError)", async () => {
    const r = await timed(
      "/credentials/verify",
      verifyBody({ "@context": CONTEXT, type: TYPE, credentialStatus: Array(25_000).fill({}) }),
    );
    expect(r.status, r.text.slice(0, 300)).toBe(400);
  });

  it("a 64 KiB VC-JWT whose payload holds 15 000 empty status entries is refused with bounded work", async () => {
    const header = b64u(JSON.stringify({ alg: "EdDSA", typ: "vc+jwt", kid: "x" }));
    const payload = b64u(JSON.stringify({ "@context": CONTEXT, type: TYPE, credentialStatus: Array(15_000).fill({}) }));
    const jwt = `${header}.${payload}.AAAA`;
    expect(jwt.length).toBeLessThan(64 * 1024);
    const r = await timed("/credentials/verify", verifyBody(jwt));
    expect(r.status, r.text.slice(0, 300)).toBe(400);
    const payloadValue = JSON.parse(
      new TextDecoder().decode(
        Uint8Array.from(atob(payload.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)),
      ),
    );
    expect(validationWork("credential", payloadValue).units).toBeLessThan(50);
  });

  it("the same pasted into the /verify form answers the page, not a 500", async () => {
    const form = new FormData();
    form.set("text", JSON.stringify({ "@context": CONTEXT, type: TYPE, credentialStatus: Array(25_000).fill({}) }));
    const r = await timed("/verify", { method: "POST", body: form, headers: { accept: "text/html" } });
    expect(r.status, r.text.slice(0, 300)).toBeLessThan(500);
  });

  it("a 200 KB credential of over-long arrays is refused with bounded work", async () => {
    const credential = {
      "@context": CONTEXT,
      type: TYPE,
      credentialStatus: Array(15_000).fill(0),
      credentialSubject: { identifier: Array(15_000).fill(0), achievement: { tag: Array(40_000).fill(0) } },
    };
    const r = await timed("/credentials/verify", verifyBody(credential));
    expect(r.status, r.text.slice(0, 300)).toBe(400);
    // Error units collected: the short-circuit pass stops at the first failure (was ~70,000).
    expect(validationWork("credential", credential).units).toBeLessThan(50);
  });
});
