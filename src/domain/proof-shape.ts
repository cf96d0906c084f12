/**
 * What a Data Integrity proof must look like before anything is computed from it (VC Data
 * Integrity 1.0 §2.1 Proofs; VC DI EdDSA §3.3.2 Verify Proof for `eddsa-rdfc-2022`). A verifier
 * that refuses a broken proof says which rule it breaks, whoever the issuer is. Pure, never throws.
 */
import { isRecord } from "../lib/json-shape";
import { isDateTimeStamp, isUrl } from "./vc-data-model";

/**
 * The first rule the credential's `proof` breaks, or null.
 *
 * @param proof - the `proof` value: one proof or a set of them (WeGO issues a set of one)
 * @param opts.now - for `expires`; opts.expectedProofPurpose - from the VC-API request options
 */
export function proofProblem(proof: unknown, opts: { now: Date; expectedProofPurpose?: string }): string | null {
  if (proof === undefined) return "The credential has no proof (VC Data Integrity §2.1).";
  const proofs = Array.isArray(proof) ? proof : [proof];
  if (proofs.length !== 1) return "Exactly one proof is accepted: WeGO signs with one.";
  const p = proofs[0];
  if (!isRecord(p)) return "proof: MUST be an object (VC Data Integrity §2.1).";
  if (p.type !== "DataIntegrityProof")
    return 'proof.type: MUST be "DataIntegrityProof" for eddsa-rdfc-2022 (VC DI EdDSA §3.3.2).';
  if (p.cryptosuite !== "eddsa-rdfc-2022") return 'proof.cryptosuite: MUST be "eddsa-rdfc-2022" (VC DI EdDSA §3.3.2).';
  if (typeof p.proofPurpose !== "string") return "proof.proofPurpose: MUST be present (VC Data Integrity §2.1).";
  const expected = opts.expectedProofPurpose ?? "assertionMethod";
  if (p.proofPurpose !== expected)
    return `proof.proofPurpose: is ${JSON.stringify(p.proofPurpose)}, the verifier expects ${expected} (VC Data Integrity §4.3).`;
  if (!isUrl(p.verificationMethod)) return "proof.verificationMethod: MUST be a URL (VC Data Integrity §2.1).";
  if (typeof p.proofValue !== "string" || !/^z[1-9A-HJ-NP-Za-km-z]+$/.test(p.proofValue))
    return "proof.proofValue: MUST be a multibase base58btc string (VC DI EdDSA §3.3.2).";
  if (p.created !== undefined && !isDateTimeStamp(p.created))
    return "proof.created: MUST be an XML Schema dateTimeStamp (VC Data Integrity §2.1).";
  if (p.expires !== undefined) {
    if (!isDateTimeStamp(p.expires))
      return "proof.expires: MUST be an XML Schema dateTimeStamp (VC Data Integrity §2.1).";
    if (Date.parse(p.expires) <= opts.now.getTime())
      return "proof.expires: the proof has expired (VC Data Integrity §4.3).";
  }
  return null;
}
