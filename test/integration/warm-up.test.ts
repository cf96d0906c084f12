/**
 * The Worker's start-up warm-up (worker/warm-up.ts, issue 15): its sample must verify in full, or
 * the warm-up stops at the first failed check and compiles only part of the verification path; and
 * it must change nothing a request can see: no row, no proven-signature memory, and its sample
 * never verifies as this deployment's certificate.
 */
import { describe, expect, it } from "vitest";
import { verifyPdf } from "../../src/services/certificate-pdf";
import { provenSignatureCount } from "../../src/services/proven-signatures";
import { verifyCredential } from "../../src/services/verify-credential";
import {
  prepareFirstRequests,
  WARM_UP_ISSUER,
  WARM_UP_SAMPLE_ID,
  warmUpSample,
  warmUpVerification,
} from "../../src/worker/warm-up";
import { keySetProblems, parseKeySet } from "../../src/adapters/crypto/keys";
import type { Check } from "../../src/domain/types";
import { createApp } from "../../src/app";
import { BASE } from "../support/api";
import { client, testDeps, workerEnv } from "../support/deps";

/** What the sample fails against this deployment: it names another issuer, so nothing further is trusted. */
const SAMPLE_FAILS = ["format:ERR_UNKNOWN_ISSUER"];

const count = async (table: string) =>
  (await workerEnv.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;

describe("start-up warm-up", () => {
  it("verifies its sample in full, both secured forms, and leaves no trace", async () => {
    const deps = await testDeps();
    const before = { certificates: await count("certificates"), audit: await count("audit_log") };
    const proven = provenSignatureCount();
    const result = await warmUpVerification(deps.canonicalize);
    const page = await prepareFirstRequests(deps, result);
    expect(page).toContain("Sample Participant");
    expect(page).toContain('lang="en"');
    for (const r of [result.dataIntegrity, result.vcJwt]) {
      expect(r.checks.filter((c) => c.status !== "passed")).toEqual([]);
      expect(r.checks.map((c) => c.check)).toEqual(
        expect.arrayContaining(["format", "record", "issuer-key", "signature", "status"]),
      );
      expect(r.verified).toBe(true);
    }
    expect(provenSignatureCount()).toBe(proven);
    expect({ certificates: await count("certificates"), audit: await count("audit_log") }).toEqual(before);
  });

  it("signs a sample that is never this deployment's certificate", async () => {
    const deps = await testDeps();
    const sample = await warmUpSample(deps.canonicalize);
    expect((sample.credential.issuer as { id: string }).id).toBe(WARM_UP_ISSUER);
    expect(String(sample.credential.id).endsWith(`/c/${WARM_UP_SAMPLE_ID}`)).toBe(true);
    expect(WARM_UP_ISSUER).not.toBe(deps.config.issuerDid);
    // Signed by RFC 8032's published test key, which no deployment publishes, nor may publish.
    expect(deps.keys.map((k) => k.kid)).not.toContain(sample.keys[0]!.kid);
    const published = { keys: [{ ...sample.keys[0]!, publicKey: undefined }] };
    expect(await keySetProblems(published)).toEqual([expect.stringContaining("an RFC 8032 test key")]);
    await expect(parseKeySet(published)).rejects.toMatchObject({ code: "ERR_CONFIG" });

    for (const input of [sample.credential, sample.vcJwt]) {
      const r = await verifyCredential(deps, structuredClone(input));
      expect(r.verified).toBe(false);
      expect(failedCodes(r.checks)).toEqual(SAMPLE_FAILS);
    }
    const api = client(deps);
    for (const verifiableCredential of [sample.credential, sample.vcJwt]) {
      const res = await api.post("/credentials/verify", { verifiableCredential });
      // VC-API: a credential that does not verify is answered 400 with its checks.
      expect(res.status).toBe(400);
      const body = (await res.json()) as { verified: boolean; checks: Check[] };
      expect(body.verified).toBe(false);
      expect(failedCodes(body.checks)).toEqual(SAMPLE_FAILS);
    }
    expect((await api.get(`/c/${WARM_UP_SAMPLE_ID}`, { accept: "application/json" })).status).toBe(404);

    // A PDF naming the sample's id where our renderer writes it: looked up, and not issued.
    const keywords = `WeGO certificate Open Badges 3.0 Verifiable Credential ${WARM_UP_SAMPLE_ID}`;
    const pdfLike = new TextEncoder().encode(`%PDF-1.7\n1 0 obj\n<< /Keywords (${keywords}) >>\nendobj\n%%EOF\n`);
    const asPdf = await verifyPdf(deps, pdfLike);
    expect(asPdf.verified).toBe(false);
    expect(asPdf.checks.map((c) => c.code)).toEqual(["ERR_PDF_NOT_ISSUED"]);
    const pdfRes = await createApp(deps).request(`${BASE}/credentials/verify`, {
      method: "POST",
      headers: { "content-type": "application/pdf" },
      body: pdfLike,
    });
    expect(pdfRes.status).toBe(400);
    expect(((await pdfRes.json()) as { checks: Check[] }).checks.map((c) => c.code)).toEqual(["ERR_PDF_NOT_ISSUED"]);
  });
});

function failedCodes(checks: Check[]): string[] {
  return checks
    .filter((c) => c.status === "failed")
    .map((c) => `${c.check}:${c.code}`)
    .sort();
}
