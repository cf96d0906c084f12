/** Verifying a credential presented in any form we issue: embedded proof or VC-JWT. */
import { ed25519Verify } from "../adapters/crypto/ed25519";
import { verifyVcJwt } from "../adapters/jwt/vc-jwt";
import { validate } from "../adapters/validation/schemas";
import { verifyDataIntegrity, type VerifyDeps } from "../domain/verify";
import type { VerificationResult } from "../domain/types";
import type { AppDeps } from "./context";
import { statusChecker } from "./status";

/** Structural check of a credential: the JSON Schema, plus a proof exactly when Data Integrity secures it. */
export function checkShape(credential: unknown, secured: "data-integrity" | "vc-jwt"): string | null {
  const errors = validate("credential", credential);
  if (errors.length) return `The credential is malformed: ${errors.map((e) => `${e.field} ${e.message}`).join("; ")}.`;
  const hasProof = (credential as Record<string, unknown>).proof !== undefined;
  if (secured === "data-integrity" && !hasProof) return "The credential has no proof.";
  if (secured === "vc-jwt" && hasProof) return "A VC-JWT payload must not carry an embedded proof.";
  return null;
}

/** The verification dependencies for this app. */
export function verifyDeps(deps: AppDeps): VerifyDeps {
  return {
    issuerDid: deps.config.issuerDid,
    keys: deps.keys,
    canonicalize: deps.canonicalize,
    verifySignature: ed25519Verify,
    now: deps.clock(),
    checkShape,
    checkStatus: statusChecker(deps),
  };
}

/** Verifies a credential object (Data Integrity) or a VC-JWT string; never throws on bad input. */
export async function verifyCredential(deps: AppDeps, input: unknown): Promise<VerificationResult> {
  const vd = verifyDeps(deps);
  return typeof input === "string" ? verifyVcJwt(input.trim(), vd) : verifyDataIntegrity(input, vd);
}
