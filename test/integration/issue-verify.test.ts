import { describe, expect, it } from "vitest";
import { BASE, call, issue, postJson, verify } from "../support/api";

describe("issue and verify", () => {
  it("issues an OB3 credential with an eddsa-rdfc-2022 proof and verifies it", async () => {
    const issued = await issue("Ləman Əliyeva", "champions-2023-workshop-baku");
    expect(issued.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(issued.url).toBe(`${BASE}/c/${issued.id}`);
    const vc = issued.credential;
    expect(vc["@context"]).toEqual([
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]);
    expect(vc.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(vc.id).toBe(issued.url);
    expect((vc.issuer as any).id).toBe("did:web:127.0.0.1%3A8787");
    expect((vc.issuer as any).official).toBe("Park Jung Sook, Secretary General");
    expect(vc.proof).toHaveLength(1);
    expect(vc.proof[0]!.cryptosuite).toBe("eddsa-rdfc-2022");
    expect(JSON.stringify(vc)).not.toContain("participant@example.org");
    const subject = vc.credentialSubject as any;
    expect(subject.name).toBe("Ləman Əliyeva");
    expect(subject.identifier[0].identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(subject.activityStartDate).toBe("2023-10-01T00:00:00Z");
    expect(subject.activityEndDate).toBe("2023-10-01T23:59:59Z");

    const { status, body } = await verify(vc);
    expect(status).toBe(200);
    expect(body.verified).toBe(true);
    expect(body.verdict).toBe("valid");
    expect(body.checks.map((c: any) => [c.check, c.status])).toEqual([
      ["format", "passed"],
      ["record", "passed"],
      ["issuer-key", "passed"],
      ["signature", "passed"],
      ["validity", "passed"],
      ["status", "passed"],
    ]);
  });

  it("serves the stored credential and its VC-JWT, and the JWT verifies", async () => {
    const issued = await issue();
    const res = await call(`/c/${issued.id}`, { headers: { accept: "application/json" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(issued.credential);
    const jwtRes = await call(`/c/${issued.id}.jwt`);
    expect(jwtRes.headers.get("content-type")).toBe("application/vc+jwt");
    const jwt = await jwtRes.text();
    const { status, body } = await verify(jwt);
    expect(status).toBe(200);
    expect(body.format).toBe("vc-jwt");
    expect(body.verified).toBe(true);
    // Stored without its payload (the credential it repeats): header..signature (lib/detached-vc-jwt.ts).
    const { workerEnv } = await import("../support/deps");
    const stored = await workerEnv.DB.prepare("SELECT vc_jwt FROM certificates WHERE id = ?")
      .bind(issued.id)
      .first<any>();
    expect(stored.vc_jwt).toBe(`${jwt.split(".")[0]}..${jwt.split(".")[2]}`);
  });

  it("unknown and malformed ids give the same 404", async () => {
    const a = await call("/c/AAAAAAAAAAAAAAAAAAAAAA");
    const b = await call("/c/not-an-id!");
    expect(a.status).toBe(404);
    expect(b.status).toBe(404);
    const [ja, jb] = [await a.json<any>(), await b.json<any>()];
    expect(ja.code).toBe("ERR_NOT_FOUND");
    expect(ja.detail).toBe(jb.detail);
  });

  it("validUntil in the past is refused, in the future is carried", async () => {
    const bad = await postJson("/admin/certificates", {
      recipient: { name: "A B", email: "a@example.org" },
      achievementId: "champions-2023-online",
      validUntil: "2001-01-01T00:00:00Z",
    });
    expect(bad.status).toBe(400);
    expect((await bad.json<any>()).field).toBe("validUntil");
    const ok = await issue("A B", "champions-2023-online", { validUntil: "2099-01-01T00:00:00Z" });
    expect(ok.credential.validUntil).toBe("2099-01-01T00:00:00Z");
    expect((await verify(ok.credential)).body.verified).toBe(true);
  });
});
