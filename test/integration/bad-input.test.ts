/** Every class of bad input gets a 4xx problem document with a stable code naming the field. */
import { describe, expect, it } from "vitest";
import { call, postJson } from "../support/api";

async function problem(res: Response) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return res.json<any>();
}

const valid = { recipient: { name: "Łukasz Żółć", email: "l@example.org" }, achievementId: "champions-2023-online" };

describe("bad input", () => {
  it("malformed JSON is 400 ERR_MALFORMED_JSON", async () => {
    const p = await problem(await postJson("/admin/certificates", '{"recipient": '));
    expect([p.status, p.code]).toEqual([400, "ERR_MALFORMED_JSON"]);
  });

  it("unknown fields are 400 naming the field, including __proto__", async () => {
    for (const [extra, field] of [
      [{ status: "revoked" }, "status"],
      [{ id: "x" }, "id"],
    ] as const) {
      const p = await problem(await postJson("/admin/certificates", { ...valid, ...extra }));
      expect([p.status, p.code, p.field]).toEqual([400, "ERR_VALIDATION", field]);
    }
    const proto = await problem(
      await postJson(
        "/admin/certificates",
        '{"__proto__": {"admin": true}, "recipient": {"name": "A", "email": "a@b.org"}, "achievementId": "champions-2023-online"}',
      ),
    );
    expect([proto.status, proto.field]).toEqual([400, "__proto__"]);
    const nested = await problem(
      await postJson("/admin/certificates", { ...valid, recipient: { ...valid.recipient, phone: "1" } }),
    );
    expect(nested.field).toBe("recipient.phone");
  });

  it("missing and invalid fields are 400 naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ achievementId: "champions-2023-online" }, "recipient"],
      [{ ...valid, recipient: { name: "A" } }, "recipient.email"],
      [{ ...valid, recipient: { name: "A", email: "not-an-email" } }, "recipient.email"],
      [{ ...valid, recipient: { name: "", email: "a@b.org" } }, "recipient.name"],
      [{ ...valid, recipient: { name: "x".repeat(201), email: "a@b.org" } }, "recipient.name"],
      [{ ...valid, recipient: { name: "\u202e\u0000 ", email: "a@b.org" } }, "recipient.name"],
      [{ ...valid, achievementId: "Robert'); DROP TABLE certificates;--" }, "achievementId"],
      [{ ...valid, validUntil: "tomorrow" }, "validUntil"],
      [[1, 2, 3], "(body)"],
      ["just a string", "(body)"],
      [null, "(body)"],
    ];
    for (const [body, field] of cases) {
      const p = await problem(await postJson("/admin/certificates", JSON.stringify(body)));
      expect([JSON.stringify(body).slice(0, 40), p.status, p.code, p.field]).toEqual([
        JSON.stringify(body).slice(0, 40),
        400,
        "ERR_VALIDATION",
        field,
      ]);
      expect(p.detail).toContain(field === "(body)" ? "" : field);
    }
  });

  it("an unknown achievement is 422 naming achievementId", async () => {
    const p = await problem(await postJson("/admin/certificates", { ...valid, achievementId: "no-such-thing" }));
    expect([p.status, p.code, p.field]).toEqual([422, "ERR_UNKNOWN_ACHIEVEMENT", "achievementId"]);
  });

  it("missing or wrong token is 401", async () => {
    for (const auth of [undefined, "Bearer nope", "Basic abc", "Bearer "]) {
      const res = await call("/admin/certificates", {
        method: "POST",
        headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
        body: JSON.stringify(valid),
      });
      const p = await problem(res);
      expect([p.status, p.code]).toEqual([401, "ERR_UNAUTHORIZED"]);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
    }
  });

  it("oversized bodies are 413, with and without Content-Length", async () => {
    const big = JSON.stringify({ ...valid, pad: "x".repeat(300_000) });
    const p = await problem(await postJson("/admin/certificates", big));
    expect([p.status, p.code]).toEqual([413, "ERR_BODY_TOO_LARGE"]);
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const res = await call("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      // @ts-expect-error: workerd needs duplex for streamed bodies
      duplex: "half",
    });
    expect(res.status).toBe(413);
  });

  it("a non-JSON content type is 415", async () => {
    const res = await call("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "{}",
    });
    expect((await problem(res)).code).toBe("ERR_UNSUPPORTED_MEDIA_TYPE");
  });

  it("verify: malformed credentials and JWTs give verified:false, never a 500", async () => {
    const inputs: unknown[] = [
      {},
      { "@context": 5 },
      { "@context": ["https://www.w3.org/ns/credentials/v2"], type: ["VerifiableCredential"], proof: "x" },
      "not.a.jwt",
      "a.b.c",
      "eyJhbGciOiJub25lIn0.eyJ4IjoxfQ.",
      "x".repeat(70_000),
    ];
    for (const verifiableCredential of inputs) {
      const res = await call("/credentials/verify", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ verifiableCredential }),
      });
      expect(res.status).toBe(400);
      const body = await res.json<any>();
      // Either the verifier's answer or the request schema's refusal, never anything else.
      expect(body.verified === false ? "verified: false" : body.code).toBeOneOf(["verified: false", "ERR_VALIDATION"]);
    }
  });

  it("unknown routes are 404 problem documents", async () => {
    const p = await problem(await call("/nope"));
    expect([p.status, p.code]).toEqual([404, "ERR_NOT_FOUND"]);
  });
});
