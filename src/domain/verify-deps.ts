/** What verification needs from outside the domain: WeGO's record, keys, clock, status lists, shape checks. */
import type { Canonicalize, PublishedKey, VerifyJws, VerifySignature } from "./ports";
import type { StatusEntry } from "./credential";
import type { PublicReason } from "./status-reasons";

/**
 * A certificate as WeGO issued and stored it. A Data Integrity proof signs the canonical RDF
 * dataset, not the JSON (VC Data Integrity §4.2), so the same signed content can be written with
 * other JSON keys; verdicts therefore rest on this record, never on the presented JSON's keys.
 */
export interface IssuedRecord {
  /** The signed credential exactly as issued. */
  credential: Record<string, unknown>;
  /** The VC-JWT exactly as issued. */
  vcJwt: string;
  /** Digest of the stored credential's exact text; lets a verified signature be remembered. */
  digest?: string;
}

/** What a status check found for a credential's `credentialStatus` entries. */
export type StatusOutcome =
  | { state: "ok" }
  | { state: "revoked"; reason?: PublicReason; at?: string; supersededBy?: string }
  | { state: "suspended"; reason?: PublicReason; at?: string }
  | { state: "unavailable"; message: string };

/** Everything verification needs, passed in so the domain stays pure. */
export interface VerifyDeps {
  issuerDid: string;
  keys: readonly PublishedKey[];
  canonicalize: Canonicalize;
  verifySignature: VerifySignature;
  /** Compact JWS check (EdDSA) for VC-JWTs. */
  verifyJws: VerifyJws;
  now: Date;
  /** Reads the status lists; absent means status cannot be checked. */
  checkStatus?: (entries: StatusEntry[]) => Promise<StatusOutcome>;
  /**
   * WeGO's record of the certificate a credential `id` names; null when there is none. Throws when
   * the record cannot be read (the verdict is then could-not-check, never valid).
   */
  findIssued: (credentialId: string) => Promise<IssuedRecord | null>;
  /**
   * WeGO's record of a credential that is not a certificate (signed through the VC-API), found
   * through its WeGO status entry; null when there is none, throws when storage cannot be read.
   * Absent where only certificates are verified (the public pages): such a credential then fails
   * `format` with ERR_NOT_A_CERTIFICATE.
   */
  findOtherIssued?: (credential: Record<string, unknown>) => Promise<IssuedRecord | null>;
  /** VC-API `options.expectedProofPurpose`; assertionMethod when absent. */
  expectedProofPurpose?: string;
  /** Context URLs a credential may name after the VC 2.0 base context (the bundled ones). */
  knownContexts: ReadonlySet<string>;
  /**
   * Context URLs a VC 1.1 credential may name after the VC 1.1 base context; absent where VC 1.1
   * is not accepted (the credential then fails the VC 2.0 §4.3 context rule).
   */
  knownContextsV11?: ReadonlySet<string>;
  /**
   * Signatures already verified over a record's identical stored bytes under a public key: a hit
   * skips canonicalization and Ed25519 only; the key, validity and status checks still run.
   */
  provenSignatures?: {
    has(record: IssuedRecord, publicKey: Uint8Array): boolean;
    add(record: IssuedRecord, publicKey: Uint8Array): void;
  };
  /**
   * The presented credential when it is the object parsed from stored bytes whose data model, JSON
   * Schema and signature checks this deployment has passed before, under the key its proof names
   * (services/proven-signatures.ts), or a presented credential equal to such a record as JSON
   * (services/verify-credential.ts; the same parsed value gets the same answers): those data model
   * and schema checks are not repeated for it. The signature is skipped only through {@link provenSignatures}; the
   * proof's shape, the record, the key's status and dates, validity and status are always checked.
   */
  provenInput?: Record<string, unknown>;
  /** Structural check of the credential (JSON Schema); returns a message naming the field, or null. */
  checkShape: (credential: unknown, secured: "data-integrity" | "vc-jwt") => string | null;
}
