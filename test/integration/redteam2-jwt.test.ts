/** Red team 2: VC-JWT verification in the domain — hostile headers/payloads never 500 and never verify. */
import { describe, expect, it } from "vitest";
import { call, issue, verify } from "../support/api";

const b64 = (v: unknown) =>
  btoa(typeof v === "string" ? v : JSON.stringify(v))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

describe("redteam2: VC-JWT", () => {
  it("the issued token verifies; re-headered, re-payloaded and deep tokens do not and never 500", async () => {
    const cert = await issue("JWT Target");
    const jwt = await (await call(new URL(cert.jwtUrl).pathname)).text();
    expect((await verify(jwt)).status).toBe(200);
    const [h, p, s] = jwt.split(".");
    const header = JSON.parse(atob(h!.replace(/-/g, "+").replace(/_/g, "/")));
    const payload = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(atob(p!.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0))),
    );
    const variants: string[] = [
      `${b64({ ...header, kid: {} })}.${p}.${s}`,
      `${b64({ ...header, kid: null })}.${p}.${s}`,
      `${b64({ ...header, kid: header.kid.split("#")[1] })}.${p}.${s}`,
      `${b64({ ...header, kid: "did:web:evil.example#" + header.kid.split("#")[1] })}.${p}.${s}`,
      `${b64({ ...header, kid: header.kid + "#x" })}.${p}.${s}`,
      `${h}.${b64({ ...payload, iss: { id: payload.issuer.id } })}.${s}`,
      `${h}.${b64({ ...payload, iss: null })}.${s}`,
      `${h}.${b64({ ...payload, id: { toString: 1 } })}.${s}`,
      `${h}.${b64(JSON.stringify(payload).replace("{", '{"__proto__":{"x":1},'))}.${s}`,
      `${h}.${b64("[".repeat(20000) + "]".repeat(20000))}.${s}`,
      `${h}.${b64('{"a":' + "[".repeat(15000) + "]".repeat(15000) + "}")}.${s}`,
      `${h}.${p}.`,
      `${h}.${p}.${s}${s}`,
      `${h}.${b64(JSON.stringify(payload).replace('"id"', '"\\ud800":1,"id"'))}.${s}`,
    ];
    for (const v of variants) {
      const r = await verify(v);
      expect(r.status, v.slice(0, 80)).toBeLessThan(500);
      expect(r.body.verified, `variant ${variants.indexOf(v)}: ${JSON.stringify(r.body).slice(0, 600)}`).not.toBe(true);
    }
    // the verify page too
    for (const v of variants.slice(0, 6)) {
      const r = await call("/verify", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ credential: v }).toString(),
      });
      expect(r.status).toBeLessThan(500);
      expect(await r.text()).not.toContain('data-verdict="valid"');
    }
  });
});
