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
import { prepareFirstRequests, WARM_UP_ISSUER, warmUpSample, warmUpVerification } from "../../src/worker/warm-up";
import { testDeps, workerEnv } from "../support/deps";

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
    expect(WARM_UP_ISSUER).not.toBe(deps.config.issuerDid);
    // Signed by RFC 8032's published test key, which no deployment publishes.
    expect(deps.keys.map((k) => k.kid)).not.toContain(sample.keys[0]!.kid);
    for (const input of [sample.credential, sample.vcJwt]) {
      const r = await verifyCredential(deps, structuredClone(input));
      expect(r.verified).toBe(false);
      expect(r.checks.filter((c) => c.status === "failed").length).toBeGreaterThan(0);
    }
    const pdfLike = new TextEncoder().encode(`%PDF-1.7\n${JSON.stringify(sample.credential)}\n%%EOF`);
    const asPdf = await verifyPdf(deps, pdfLike);
    expect(asPdf.verified).toBe(false);
    expect(asPdf.checks.map((c) => c.code)).toContain("ERR_PDF_NOT_ISSUED");
  });
});
