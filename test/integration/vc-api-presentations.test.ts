/**
 * Contract tests for VC-API Verify Presentation (`POST /presentations/verify`), named after the
 * sections the W3C vc-data-model-2.0-test-suite exercises: VC 2.0 §4.13 Verifiable Presentations
 * and VC Data Integrity §4.3 (proof purpose, challenge, domain). The holder signs with a did:key,
 * as the suite's holder does; the credentials inside keep WeGO's issuer-pinned verdict.
 */
import { describe, expect, it } from "vitest";
import * as ed from "@noble/ed25519";
import { call, issue } from "../support/api";
import { createCanonicalizer } from "../../src/adapters/jsonld/canonize";
import { hashData } from "../../src/domain/data-integrity";
import { toMultikey } from "../../src/adapters/crypto/keys";
import { base58Encode } from "../../src/lib/encoding";

type Json = Record<string, any>;
const VC2 = "https://www.w3.org/ns/credentials/v2";
const CHALLENGE = "u" + "A".repeat(22);
const DOMAIN = "example.org";
const SEED = new Uint8Array(32).fill(7);

/** A presentation signed by a did:key holder (eddsa-rdfc-2022, authentication), as the suites make. */
async function signedVp(vp: Json, proofExtra: Json = {}): Promise<Json> {
  const mb = toMultikey(await ed.getPublicKeyAsync(SEED));
  const did = `did:key:${mb}`;
  const options = {
    type: "DataIntegrityProof",
    cryptosuite: "eddsa-rdfc-2022",
    created: "2026-01-01T00:00:00Z",
    verificationMethod: `${did}#${mb}`,
    proofPurpose: "authentication",
    challenge: CHALLENGE,
    domain: DOMAIN,
    ...proofExtra,
  };
  const presentation = { holder: did, ...vp };
  const data = await hashData(presentation, options, createCanonicalizer());
  const signature = await ed.signAsync(data, SEED);
  return { ...presentation, proof: { ...options, proofValue: "z" + base58Encode(signature) } };
}

async function verifyVp(vp: unknown, options: Json = { challenge: CHALLENGE, domain: DOMAIN }) {
  const res = await call("/presentations/verify", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ verifiablePresentation: vp, options }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

describe("VC-API Verify Presentation (POST /presentations/verify)", () => {
  it("VC 2.0 §4.13: a holder-signed presentation of a WeGO certificate is verified, with each credential's result", async () => {
    const { credential } = await issue("Aylin Demir", "champions-2023-workshop-milan");
    const vp = await signedVp({
      "@context": [VC2],
      type: ["VerifiablePresentation"],
      verifiableCredential: [credential],
    });
    const { status, body } = await verifyVp(vp);
    expect([status, body.verified, body.errors, body.warnings]).toEqual([200, true, [], []]);
    expect(body.checks.map((c: Json) => [c.check, c.code])).toEqual([
      ["presentation", "OK"],
      ["proof", "OK"],
      ["credentials", "OK"],
    ]);
    expect(body.credentialResults).toHaveLength(1);
    expect(body.credentialResults[0]).toMatchObject({ verified: true, verdict: "valid" });

    // VC Data Integrity §4.3: the challenge and domain the verifier asks for must be the proof's.
    const wrongChallenge = await verifyVp(vp, { challenge: "another", domain: DOMAIN });
    expect([wrongChallenge.status, wrongChallenge.body.errors[0].code]).toEqual([400, "ERR_CHALLENGE"]);
    const wrongDomain = await verifyVp(vp, { challenge: CHALLENGE, domain: "other.example" });
    expect([wrongDomain.status, wrongDomain.body.errors[0].code]).toEqual([400, "ERR_DOMAIN"]);
    // Changed after the holder signed: the holder's signature fails.
    const tampered = await verifyVp({ ...vp, holder: "did:example:someone-else" });
    expect([tampered.status, tampered.body.errors[0].code]).toEqual([400, "ERR_BAD_SIGNATURE"]);
    // The proof purpose of a presentation is authentication (VC Data Integrity §4.3).
    const asAssertion = await verifyVp(
      await signedVp({ "@context": [VC2], type: ["VerifiablePresentation"] }, { proofPurpose: "assertionMethod" }),
    );
    expect([asAssertion.status, asAssertion.body.errors[0].code]).toEqual([400, "ERR_PROOF_MALFORMED"]);
  });

  it("VC 2.0 §4.13: a credential inside keeps WeGO's issuer-pinned verdict; the presentation's MUSTs name their rule", async () => {
    // A credential someone else issued, in a correctly signed presentation: refused for its issuer.
    const foreign = {
      "@context": [VC2],
      type: ["VerifiableCredential"],
      issuer: "did:example:issuer",
      credentialSubject: { id: "did:example:subject" },
      proof: {
        type: "DataIntegrityProof",
        cryptosuite: "eddsa-rdfc-2022",
        created: "2026-01-01T00:00:00Z",
        verificationMethod: "did:example:issuer#key-1",
        proofPurpose: "assertionMethod",
        proofValue: "z" + "2".repeat(86),
      },
    };
    const vp = await signedVp({ "@context": [VC2], type: ["VerifiablePresentation"], verifiableCredential: [foreign] });
    const { status, body } = await verifyVp(vp);
    expect([status, body.verified, body.errors[0].code]).toEqual([400, false, "ERR_CREDENTIAL"]);
    expect(body.checks[1]).toMatchObject({ check: "proof", code: "OK" });
    expect(body.errors[0].message).toContain("ERR_UNKNOWN_ISSUER");

    const cases: Array<[Json, string]> = [
      [{ type: ["VerifiablePresentation"] }, "§4.3"],
      [{ "@context": [VC2, "https://example.com"], type: ["VerifiablePresentation"] }, "§4.3"],
      [{ "@context": [VC2] }, "§4.13"],
      [{ "@context": [VC2], type: ["VerifiablePresentation"], id: "not a url" }, "§4.4"],
      [{ "@context": [VC2], type: ["VerifiablePresentation"], holder: { name: "no id" } }, "§4.13"],
      [
        { "@context": [VC2], type: ["VerifiablePresentation"], verifiableCredential: ["https://example.org/vc"] },
        "§4.13",
      ],
    ];
    for (const [vp, section] of cases) {
      const r = await verifyVp(vp, {});
      expect([section, r.status, r.body.errors[0].code], JSON.stringify(vp)).toEqual([section, 400, "ERR_DATA_MODEL"]);
      expect(r.body.errors[0].message).toContain(section);
    }
  });
});
