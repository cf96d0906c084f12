/**
 * VC-API Verify Presentation: a VerifiablePresentation's data model (VC 2.0 §4.13), its holder's
 * proof (VC Data Integrity §4.3 with `eddsa-rdfc-2022`, proof purpose `authentication`, the
 * challenge and domain the verifier asked for) and every credential in it, each through WeGO's
 * issuer-pinned credential verifier. Pure, never throws on bad input, fails closed.
 */
import { isRecord } from "../lib/json-shape";
import { decodeProofValue, hashData } from "./data-integrity";
import { proofProblem } from "./proof-shape";
import { contextProblems, isUrl } from "./vc-data-model";
import type { Canonicalize, VerifySignature } from "./ports";
import type { CheckStatus, VerificationResult } from "./types";

/** The checks of a presentation, in this order. */
export type PresentationCheckName = "presentation" | "proof" | "credentials";

/** One presentation check with a stable code. */
export interface PresentationCheck {
  check: PresentationCheckName;
  status: CheckStatus;
  code:
    | "OK"
    | "PROOF_NONE"
    | "ERR_DATA_MODEL"
    | "ERR_PROOF_MALFORMED"
    | "ERR_CHALLENGE"
    | "ERR_DOMAIN"
    | "ERR_UNKNOWN_KEY"
    | "ERR_CANONICALIZATION"
    | "ERR_BAD_SIGNATURE"
    | "ERR_CREDENTIAL"
    | "ERR_NOT_CHECKED";
  message: string;
}

/** The answer: VC-API `{verified, checks, warnings, errors}` plus one result per credential. */
export interface PresentationResult {
  verified: boolean;
  checks: PresentationCheck[];
  errors: PresentationCheck[];
  warnings: Array<{ code: string; message: string }>;
  credentialResults: Array<Omit<VerificationResult, "credential">>;
}

/** What presentation verification needs from outside the domain. */
export interface PresentationDeps {
  now: Date;
  knownContexts: ReadonlySet<string>;
  canonicalize: Canonicalize;
  verifySignature: VerifySignature;
  /** The Ed25519 public key a holder's verification method names, or null when it cannot be resolved. */
  holderKey: (verificationMethod: string) => Uint8Array | null;
  /** WeGO's credential verifier (issuer-pinned). */
  verifyCredential: (credential: unknown) => Promise<VerificationResult>;
}

type Json = Record<string, unknown>;
const ORDER: PresentationCheckName[] = ["presentation", "proof", "credentials"];

/** VC 2.0 §4.13: the first rule a presentation breaks, as "field: rule (section)", or null. */
export function presentationProblem(vp: unknown, knownContexts: ReadonlySet<string>): string | null {
  if (!isRecord(vp)) return "a presentation is a JSON object (VC 2.0 §4.13)";
  const found: string[] = [];
  const bad = (field: string, section: string, message: string) =>
    found.push(`${field ? `${field}: ` : ""}${message} (VC 2.0 ${section})`);
  contextProblems(vp["@context"], knownContexts, bad);
  if (vp.id !== undefined && !isUrl(vp.id)) bad("id", "§4.4", "MUST be a single URL");
  const types = [vp.type].flat();
  if (!types.every((t) => typeof t === "string" && t.length > 0) || !types.includes("VerifiablePresentation"))
    bad("type", "§4.13", 'MUST be present and include "VerifiablePresentation"');
  const holder = vp.holder;
  if (holder !== undefined && !isUrl(holder) && !(isRecord(holder) && isUrl(holder.id)))
    bad("holder", "§4.13", "MUST be a URL or an object with an id");
  if (vp.verifiableCredential !== undefined) {
    const list = [vp.verifiableCredential].flat();
    if (list.length === 0 || !list.every(isRecord))
      bad("verifiableCredential", "§4.13", "MUST be one or more credential objects, never strings or URLs");
  }
  return found[0] ?? null;
}

/** Verifies a presentation and the credentials in it. */
export async function verifyPresentation(
  vp: unknown,
  options: { challenge?: string; domain?: string },
  deps: PresentationDeps,
): Promise<PresentationResult> {
  const checks = new Map<PresentationCheckName, PresentationCheck>();
  const set = (check: PresentationCheckName, status: CheckStatus, code: PresentationCheck["code"], message: string) =>
    checks.set(check, { check, status, code, message });
  const credentialResults: PresentationResult["credentialResults"] = [];
  const problem = presentationProblem(vp, deps.knownContexts);
  if (problem || !isRecord(vp)) set("presentation", "failed", "ERR_DATA_MODEL", problem ?? "not an object");
  else {
    set("presentation", "passed", "OK", "A W3C Verifiable Presentation (VC 2.0 §4.13).");
    await checkHolderProof(vp, options, deps, set);
    // Each credential, enveloped (a VC-JWT in a data: URL, VC 2.0 §4.13.1) or with its own proof.
    const failed: string[] = [];
    for (const [i, item] of [vp.verifiableCredential ?? []].flat().entries()) {
      const enveloped = isRecord(item) && [item.type].flat().includes("EnvelopedVerifiableCredential");
      const id = isRecord(item) && typeof item.id === "string" ? item.id : "";
      const input = enveloped ? (/^data:application\/vc\+jwt,(.+)$/.exec(id)?.[1] ?? item) : item;
      const { credential: _c, ...result } = await deps.verifyCredential(input);
      credentialResults.push(result);
      const first = result.errors[0];
      if (!result.verified) failed.push(`verifiableCredential.${i}: ${first?.code} ${first?.message ?? ""}`.trim());
    }
    if (failed.length) set("credentials", "failed", "ERR_CREDENTIAL", failed.join("; "));
    else set("credentials", "passed", "OK", `${credentialResults.length} credential(s), each verified.`);
  }
  const list = ORDER.map(
    (n) =>
      checks.get(n) ?? {
        check: n,
        status: "could-not-check" as const,
        code: "ERR_NOT_CHECKED" as const,
        message: "Not checked: an earlier check failed.",
      },
  );
  const errors = [...list.filter((c) => c.status === "failed"), ...list.filter((c) => c.status === "could-not-check")];
  const warnings =
    checks.get("proof")?.code === "PROOF_NONE"
      ? [{ code: "PROOF_NONE", message: "The presentation carries no proof: nothing binds it to a holder." }]
      : [];
  return { verified: errors.length === 0, checks: list, errors, warnings, credentialResults };
}

/** The holder's proof: shape, challenge and domain as asked, a resolvable key, the signature. */
async function checkHolderProof(
  vp: Json,
  options: { challenge?: string; domain?: string },
  deps: PresentationDeps,
  set: (c: PresentationCheckName, s: CheckStatus, code: PresentationCheck["code"], m: string) => void,
): Promise<void> {
  if (vp.proof === undefined) {
    if (options.challenge !== undefined || options.domain !== undefined)
      return set(
        "proof",
        "failed",
        "ERR_CHALLENGE",
        "The verifier asked for a challenge or domain; an unsigned presentation cannot answer it (VC Data Integrity §4.3).",
      );
    return set("proof", "passed", "PROOF_NONE", "No proof: an unsigned presentation.");
  }
  const broken = proofProblem(vp.proof, { now: deps.now, expectedProofPurpose: "authentication" });
  if (broken)
    return set("proof", "failed", "ERR_PROOF_MALFORMED", broken.replace("The credential", "The presentation"));
  const proof = [vp.proof].flat()[0] as Json;
  if (options.challenge !== undefined && proof.challenge !== options.challenge)
    return set(
      "proof",
      "failed",
      "ERR_CHALLENGE",
      "proof.challenge: is not the challenge the verifier asked for (VC Data Integrity §4.3).",
    );
  if (options.domain !== undefined && ![proof.domain].flat().includes(options.domain))
    return set(
      "proof",
      "failed",
      "ERR_DOMAIN",
      "proof.domain: is not the domain the verifier asked for (VC Data Integrity §4.3).",
    );
  const key = deps.holderKey(proof.verificationMethod as string);
  if (!key)
    return set(
      "proof",
      "failed",
      "ERR_UNKNOWN_KEY",
      "proof.verificationMethod: only did:key and WeGO's own DID are resolved (this verifier fetches nothing).",
    );
  const signature = decodeProofValue(proof.proofValue);
  const { proof: _p, ...unsecured } = vp;
  let data: Uint8Array | null = null;
  try {
    data = await hashData(unsecured, proof, deps.canonicalize);
  } catch {
    return set("proof", "failed", "ERR_CANONICALIZATION", "The presentation uses terms its contexts do not define.");
  }
  const ok = signature !== null && (await deps.verifySignature(signature, data, key));
  if (ok) set("proof", "passed", "OK", "The holder's signature matches, with the challenge and domain asked for.");
  else
    set(
      "proof",
      "failed",
      "ERR_BAD_SIGNATURE",
      "The holder's signature does not match: the presentation was changed after signing.",
    );
}
