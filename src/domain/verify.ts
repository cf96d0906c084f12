/**
 * Verification of our credentials, secured either with an embedded `eddsa-rdfc-2022` proof or as
 * a VC-JWT. Returns a structured result and never throws on bad input: every check is passed,
 * failed or could-not-check, and the credential is verified only when all passed (fail closed).
 */
import { isRecord } from "../lib/json-shape";
import { decodeProofValue, hashData } from "./data-integrity";
import { proofProblem } from "./proof-shape";
import { credentialProblems, isVc11, problemSource } from "./vc11-data-model";
import { sameJson } from "./same-json";
import type { VerificationResult } from "./types";
import {
  Checks,
  checkIsCertificate,
  checkIssuerKey,
  isCertificateType,
  checkRecord,
  checkStatusEntries,
  checkValidity,
  parseDate,
  type VerifyDeps,
} from "./verification-checks";

export type { IssuedRecord, StatusOutcome, VerifyDeps } from "./verification-checks";

/** Verifies a credential with an embedded Data Integrity proof. */
export async function verifyDataIntegrity(input: unknown, deps: VerifyDeps): Promise<VerificationResult> {
  const checks = new Checks();
  if (!isRecord(input)) {
    checks.set("format", "failed", "ERR_FORMAT", "The credential is not a JSON object.");
    return checks.result({ format: "data-integrity" });
  }
  // The standards' rules first, so a rejection names the rule broken, whoever the issuer is: both
  // the data model's and the proof's (a VC 1.1 credential with a broken proof names both).
  // Bytes this deployment verified in full before (VerifyDeps.provenInput): the data model's and the
  // JSON Schema's answers are functions of those bytes alone, so they are not asked again.
  const proven = deps.provenInput !== undefined && deps.provenInput === input;
  const [problem] = proven ? [] : credentialProblems(input, deps);
  const broken = proofProblem(input.proof, { now: deps.now, expectedProofPurpose: deps.expectedProofPurpose });
  // VC 1.1 (only where the caller accepts it: knownContextsV11) is never a certificate.
  const v11 = isVc11(input) && deps.knownContextsV11 !== undefined;
  if (problem) {
    const at = problem.field ? `${problem.field}: ` : "";
    checks.set("format", "failed", "ERR_DATA_MODEL", `${at}${problem.message} (${problemSource(problem)}).`);
    if (broken) checks.set("signature", "failed", "ERR_PROOF_MALFORMED", broken);
    return checks.result({ format: "data-integrity", credential: input });
  }
  if (broken) {
    checks.set("format", "passed", "OK", `A W3C Verifiable Credential (${v11 ? "VC 1.1" : "VC 2.0"} §4).`);
    checks.set("signature", "failed", "ERR_PROOF_MALFORMED", broken);
    return checks.result({ format: "data-integrity", credential: input });
  }
  // A credential WeGO signed through the VC-API is verified as a credential (same key, register,
  // signature, validity and status checks), where the caller accepts one, with a warning that it
  // is not a certificate. WeGO's status list credentials never pass for either.
  const other =
    (v11 || !isCertificateType(input)) &&
    deps.findOtherIssued !== undefined &&
    ![input.type].flat().includes("BitstringStatusListCredential");
  const done = (credential: Record<string, unknown>) =>
    checks.result({ format: "data-integrity", credential, ...(other ? { warnings: [NOT_A_CERTIFICATE] } : {}) });
  if (!other && v11) {
    checks.set("format", "failed", "ERR_NOT_A_CERTIFICATE", "A VC 1.1 credential is never a WeGO certificate.");
    return done(input);
  }
  if (!other && !checkIsCertificate(checks, input)) return done(input);
  const shapeError = other || proven ? null : deps.checkShape(input, "data-integrity");
  if (shapeError) {
    checks.set("format", "failed", "ERR_FORMAT", shapeError);
    return done(input);
  }
  const issuerId = isRecord(input.issuer) ? input.issuer.id : input.issuer;
  if (issuerId !== deps.issuerDid) {
    checks.set("format", "failed", "ERR_UNKNOWN_ISSUER", "The credential was not issued by WeGO's DID.");
    await checkLossless(checks, input, deps);
    return done(input);
  }
  checks.set("format", "passed", "OK", "A W3C Verifiable Credential with an eddsa-rdfc-2022 proof.");
  const find = other
    ? () => deps.findOtherIssued!(input)
    : async () => (typeof input.id === "string" ? deps.findIssued(input.id) : null);
  const record = await checkRecord(checks, find, (r) => r.credential === input || sameJson(r.credential, input));
  if (!record) return done(input);
  // From here on only the record is read: the presented JSON equals it, but the record is ours.
  const issued = record.credential;
  const { proof: proofs, ...unsecured } = issued;
  // Issued with one proof: a set of one since 1EdTech OB 3.0 conformance, a single object before.
  const proof = (Array.isArray(proofs) && proofs.length === 1 ? proofs[0] : proofs) as Record<string, unknown>;
  if (!isRecord(proof)) {
    checks.set("signature", "failed", "ERR_PROOF_VALUE", "The credential does not carry exactly one proof.");
    return done(issued);
  }
  const malformed = () => {
    checks.set("signature", "failed", "ERR_PROOF_VALUE", "The proof's value or creation time is malformed.");
    return done(issued);
  };
  // Proven bytes (VerifyDeps.provenInput; the record check above found the record equal to them)
  // decoded before: their proof value is decoded only if needed.
  const signature = proven ? undefined : decodeProofValue(proof.proofValue);
  const created = parseDate(proof.created);
  if ((!proven && !signature) || created === null) return malformed();
  const key = checkIssuerKey(checks, deps, proof.verificationMethod, created);
  if (key && deps.provenSignatures?.has(record, key.publicKey)) {
    checks.set("signature", "passed", "OK", SIGNATURE_MATCHES);
  } else if (key) {
    const value = signature ?? decodeProofValue(proof.proofValue);
    if (!value) return malformed();
    let data: Uint8Array | null = null;
    try {
      data = await hashData(unsecured, proof, deps.canonicalize);
    } catch {
      checks.set(
        "signature",
        "failed",
        "ERR_CANONICALIZATION",
        "The credential uses terms its contexts do not define.",
      );
    }
    if (data) {
      const ok = await deps.verifySignature(value, data, key.publicKey);
      checks.set(
        "signature",
        ok ? "passed" : "failed",
        ok ? "OK" : "ERR_BAD_SIGNATURE",
        ok ? SIGNATURE_MATCHES : "The signature does not match: the content was changed after signing.",
      );
      // Remembered only where every check of the bytes ran (a VC-API credential skips the schema).
      if (ok && !other) deps.provenSignatures?.add(record, key.publicKey);
    }
  }
  if (checks.passed("signature")) {
    checkValidity(checks, issued, deps.now);
    await checkStatusEntries(checks, issued, deps);
  }
  return done(issued);
}

/**
 * VC Data Integrity 1.0, "Securing Data Losslessly": a document whose terms the JSON-LD processor
 * would drop (undefined terms or types, relative IRIs with no base) MUST be an error. Read for a
 * credential refused for its issuer too, so the answer names that rule as well; WeGO's own
 * credentials are compared with the record first, which nothing lossy can match.
 */
async function checkLossless(checks: Checks, credential: Record<string, unknown>, deps: VerifyDeps): Promise<void> {
  const { proof: _proof, ...unsecured } = credential;
  try {
    await deps.canonicalize(unsecured);
  } catch {
    checks.set(
      "signature",
      "failed",
      "ERR_CANONICALIZATION",
      "The credential uses a term or type its contexts do not define, which JSON-LD processing would drop " +
        "(VC Data Integrity, Securing Data Losslessly: DATA_LOSS_DETECTION_ERROR).",
    );
  }
}

const SIGNATURE_MATCHES = "The signature matches: the content is exactly as WeGO signed it.";

const NOT_A_CERTIFICATE = {
  code: "NOT_A_CERTIFICATE" as const,
  message: "A credential WeGO signed through its VC-API, not a WeGO certificate (OpenBadgeCredential).",
};
