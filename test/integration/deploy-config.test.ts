/** Issue 17: configuration that cannot go wrong (bundled key sets, origin-only base URL, pinned DID). */
import { describe, expect, it } from "vitest";
import { keySetProblems } from "../../src/adapters/crypto/keys";
import { createDeps } from "../../src/index";
import { didWebFor } from "../../src/services/context";
import productionKeys from "../../keys/production.json";
import { client, testDeps, workerEnv } from "../support/deps";

const body = { recipient: { name: "Pin Test", email: "pin@example.org" }, achievementId: "champions-2023-online" };

describe("deployed configuration", () => {
  it("refuses a PUBLIC_BASE_URL with a path, query or credentials, naming the variable", async () => {
    for (const url of [
      "https://we-gov.org/certificates",
      "https://we-gov.org/?x=1",
      "https://u:p@we-gov.org",
      "ftp://we-gov.org",
    ])
      await expect(createDeps({ ...workerEnv, PUBLIC_BASE_URL: url })).rejects.toMatchObject({
        code: "ERR_CONFIG",
        message: expect.stringContaining("PUBLIC_BASE_URL"),
      });
    const deps = await createDeps({ ...workerEnv, PUBLIC_BASE_URL: "https://certificates.we-gov.org/" });
    expect(deps.config.issuerDid).toBe("did:web:certificates.we-gov.org");
  });

  it("a deployed environment uses the key set bundled from keys/<env>.json, never an ISSUER_KEYS var", async () => {
    const deps = await createDeps({
      ...workerEnv,
      WEGO_ENV: "production",
      PUBLIC_BASE_URL: "https://certificates.we-gov.org",
    });
    expect(deps.keys.map((k) => k.kid)).toEqual(productionKeys.keys.map((k: { kid: string }) => k.kid));
    expect(deps.keys.map((k) => k.kid)).not.toEqual(
      JSON.parse(workerEnv.ISSUER_KEYS!).keys.map((k: { kid: string }) => k.kid),
    );
    await expect(createDeps({ ...workerEnv, WEGO_ENV: "prod" })).rejects.toMatchObject({ code: "ERR_CONFIG" });
  });

  it("the one key-set validator lists every problem", async () => {
    const good = JSON.parse(workerEnv.ISSUER_KEYS!).keys[0];
    expect(await keySetProblems({ keys: [good] }, { deployable: true })).toEqual([]);
    expect(await keySetProblems({ keys: [] }, { deployable: true })).toEqual(["no active key: nothing could sign"]);
    const problems = await keySetProblems({
      keys: [
        good,
        { ...good },
        { ...good, kid: "x".repeat(43), status: "retired" },
        { ...good, notAfter: "2019-01-01T00:00:00Z" },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("listed twice"),
        expect.stringContaining("kid is not the RFC 7638 thumbprint"),
        expect.stringContaining("a retired key needs notAfter"),
        expect.stringContaining("notAfter is before notBefore"),
        expect.stringContaining("keys are active"),
      ]),
    );
    expect(await keySetProblems("{not json")).toEqual(["the key set is not valid JSON"]);
  });
});

describe("the issuer DID is pinned at the first issuance", () => {
  it("a later configuration with another domain refuses to serve, and /health says why", async () => {
    const base = await testDeps();
    const first = client({
      ...base,
      config: {
        ...base.config,
        baseUrl: "https://certificates.we-gov.org",
        issuerDid: didWebFor("https://certificates.we-gov.org"),
      },
    });
    expect((await first.post("/admin/certificates", body)).status).toBe(201);
    const pinned = await workerEnv.DB.prepare("SELECT value FROM service_settings WHERE key = 'issuer_did'").first(
      "value",
    );
    expect(pinned).toBe("did:web:certificates.we-gov.org");

    const moved = client({
      ...base,
      config: {
        ...base.config,
        baseUrl: "https://certs.example.org",
        issuerDid: didWebFor("https://certs.example.org"),
      },
    });
    for (const path of ["/.well-known/did.json", "/achievements"]) {
      const res = await moved.get(path);
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({
        code: "ERR_CONFIG",
        detail: expect.stringContaining("did:web:certificates.we-gov.org"),
      });
    }
    expect((await moved.post("/admin/certificates", body)).status).toBe(500);
    const health = await moved.get("/health");
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ checks: { did: "misconfigured" } });
    // The original configuration still serves.
    expect((await first.get("/.well-known/did.json")).status).toBe(200);
  });
});
