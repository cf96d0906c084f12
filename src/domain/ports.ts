/**
 * What the domain needs from the outside world, defined here and implemented by adapters
 * (dependency inversion: adapters import these types, the domain never imports adapters).
 */

/** Turns a JSON-LD document into canonical N-Quads (RDFC-1.0). Rejects on unknown contexts or terms. */
export type Canonicalize = (doc: object) => Promise<string>;

/** Lifecycle of an issuer key. */
export type KeyStatus = "active" | "retired" | "compromised";

/** One published issuer key, as stored in `keys/*.json`. */
export interface IssuerKey {
  /** RFC 7638 JWK thumbprint of the public key; also the DID URL fragment. */
  kid: string;
  /** Multikey `z6Mk…` encoding of the 32-byte public key. */
  publicKeyMultibase: string;
  /** Start of the window in which credentials signed by this key are accepted (ISO 8601). */
  notBefore: string;
  /** End of that window; absent while the key is active. */
  notAfter?: string;
  status: KeyStatus;
  /** Human note on rotation or compromise. */
  comment?: string;
}

/** A parsed key with its raw bytes. */
export interface PublishedKey extends IssuerKey {
  publicKey: Uint8Array;
}

/** Ed25519 signature check (RFC 8032); false, never a throw, on malformed input. */
export type VerifySignature = (sig: Uint8Array, msg: Uint8Array, pub: Uint8Array) => Promise<boolean>;

/** Outcome of checking a compact JWS with one Ed25519 public key. */
export type JwsOutcome = "ok" | "bad-signature" | "invalid";

/** Checks a compact JWS (EdDSA) with the given Ed25519 public key. */
export type VerifyJws = (jws: string, publicKey: Uint8Array) => Promise<JwsOutcome>;
