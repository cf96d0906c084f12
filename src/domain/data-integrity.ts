/**
 * Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (W3C VC DI EdDSA §3.3).
 * Pure: canonicalization, hashing and signing are passed in.
 */
import { base58Decode, base58Encode, concatBytes, utf8 } from "../lib/encoding";
import type { Canonicalize } from "./ports";

/** An embedded DataIntegrityProof (VC DI §2.1). */
export interface DataIntegrityProof {
  type: "DataIntegrityProof";
  cryptosuite: "eddsa-rdfc-2022";
  created: string;
  verificationMethod: string;
  proofPurpose: "assertionMethod";
  proofValue: string;
  "@context"?: unknown;
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

/**
 * The bytes signed for a document and its proof options (VC DI EdDSA §3.3.4 Transformation, §3.3.5
 * Hashing, §3.3.6 Proof Configuration): SHA-256(canon(proofConfig)) ‖ SHA-256(canon(document)).
 */
export async function hashData(
  unsecuredDocument: Record<string, unknown>,
  proofOptions: Record<string, unknown>,
  canonicalize: Canonicalize,
): Promise<Uint8Array> {
  const proofConfig = { ...proofOptions, "@context": unsecuredDocument["@context"] };
  delete (proofConfig as Record<string, unknown>).proofValue;
  const [configCanon, docCanon] = await Promise.all([canonicalize(proofConfig), canonicalize(unsecuredDocument)]);
  const [configHash, docHash] = await Promise.all([sha256(utf8.encode(configCanon)), sha256(utf8.encode(docCanon))]);
  return concatBytes(configHash, docHash);
}

/** Adds an `eddsa-rdfc-2022` proof to a document (VC DI EdDSA §3.3.1 Create Proof). */
export async function createProof<T extends Record<string, unknown>>(
  document: T,
  opts: {
    verificationMethod: string;
    created: string;
    canonicalize: Canonicalize;
    sign: (data: Uint8Array) => Promise<Uint8Array>;
  },
): Promise<T & { proof: DataIntegrityProof }> {
  const proofOptions = {
    type: "DataIntegrityProof" as const,
    cryptosuite: "eddsa-rdfc-2022" as const,
    created: opts.created,
    verificationMethod: opts.verificationMethod,
    proofPurpose: "assertionMethod" as const,
  };
  const data = await hashData(document, proofOptions, opts.canonicalize);
  const signature = await opts.sign(data);
  return { ...document, proof: { ...proofOptions, proofValue: "z" + base58Encode(signature) } };
}

/** Decodes a multibase base58btc `proofValue` into a 64-byte signature, or null. */
export function decodeProofValue(proofValue: unknown): Uint8Array | null {
  if (typeof proofValue !== "string" || !proofValue.startsWith("z") || proofValue.length > 200) return null;
  const sig = base58Decode(proofValue.slice(1));
  return sig && sig.length === 64 ? sig : null;
}
