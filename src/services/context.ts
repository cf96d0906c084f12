/** What the application layer needs from the outside world, assembled at the edge. */
import type { AccessVerifier } from "../adapters/access/access-jwt";
import type { Signer } from "../adapters/crypto/ed25519";
import type { PublishedKey } from "../adapters/crypto/keys";
import type { Canonicalize } from "../adapters/jsonld/canonize";
import type { Store } from "../adapters/storage/database";
import type { FontSource } from "../adapters/pdf/types";
import type { SecretBox } from "../adapters/crypto/secret-box";
import type { BrandSource } from "../domain/brand";
import type { RasterizeSvg } from "../adapters/preview/rasterize";
import type { EmailVault } from "../adapters/crypto/email-vault";
import type { EmailTemplates } from "../domain/email";

/** A built message handed to the sending service. */
export interface OutgoingEmail {
  /** Envelope sender (the configured sender address). */
  from: string;
  /** Envelope recipient. */
  to: string;
  /** The RFC 5322 message (MIME). */
  raw: string;
}

/** A refusal by the sending service: `permanent` ones are not retried. */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = "MailSendError";
  }
}

/** Email delivery: the sending service, the delivery queue and the sender's identity. */
export interface MailDeps {
  /** Sender address, e.g. certificates@we-gov.org (a domain onboarded to Cloudflare Email Service). */
  from: string;
  /** Display name of the sender. */
  fromName: string;
  /** Where participants' replies go. */
  replyTo?: string;
  /** Sends one message; rejects with {@link MailSendError} (or anything else: treated as transient). */
  send(message: OutgoingEmail): Promise<void>;
  /** Puts delivery jobs (delivery ids) on the queue. */
  enqueue(deliveryIds: string[]): Promise<void>;
  /** Delay before the first retry, in seconds; it doubles on each further attempt. */
  retryBaseSeconds: number;
  /** The message renderers (src/pages/email). */
  templates: EmailTemplates;
}

export interface ServiceConfig {
  /** Public base URL without a trailing slash, e.g. https://certificates.we-gov.org. */
  baseUrl: string;
  /** did:web derived from baseUrl. */
  issuerDid: string;
  /** WeGO's LinkedIn company page id (digits), for "Add to LinkedIn"; absent: the name only. */
  linkedInOrganizationId?: string;
  /** Where people report a suspected fake: an email address or an https URL. */
  reportContact: string;
}

/** Dependencies of the app; the Worker entry builds them from env, tests build their own. */
export interface AppDeps {
  config: ServiceConfig;
  store: Store;
  keys: readonly PublishedKey[];
  /** Loads the signing key (lazily: a missing secret fails signing, not verification). */
  signer: () => Promise<Signer>;
  /** Bootstrap admin token (Worker secret / .dev.vars). */
  adminToken: string;
  canonicalize: Canonicalize;
  clock: () => Date;
  random: (bytes: number) => Uint8Array;
  /** Font files for PDF rendering (Workers static assets in production). */
  fonts: FontSource;
  /**
   * Encrypts and decrypts learning platforms' shared secrets (SOURCE_SECRETS_KEY), loaded lazily:
   * without the secret, completion sources cannot be created or verified, and nothing else is affected.
   */
  secretBox: () => Promise<SecretBox>;
  /** WeGO's logo, emblem and signature image, supplied by the deployment (README "Configuration"). */
  brand: BrandSource;
  /** SVG → PNG (resvg WebAssembly), for the certificate picture / og:image. */
  rasterize: RasterizeSvg;
  /** Off-database backup storage (R2 in production; absent locally: backups are off). */
  backups?: BackupStorage;
  /** The Cache API (caches.default at the edge): last good copies of public reads. */
  edgeCache?: EdgeCache;
  /** Durable store of rendered certificate PDFs (R2; absent: PDFs are kept in memory and the Cache API only). */
  pdfStore?: PdfStore;
  /**
   * Asks for certificates' PDFs to be rendered in the background (the render queue's consumer),
   * so that a participant's or employer's first download is a stored file, not a render. Absent: PDFs
   * are rendered on first download.
   */
  pdfJobs?: (certificateIds: string[]) => Promise<void>;
  /** Deployed version (Workers version metadata), for logs and /health. */
  version?: string;
  /**
   * "all": a log line for every request. Otherwise (the default) public reads that succeed quickly
   * are left to the platform's invocation logs (routes/operations.ts, `requestLog`).
   */
  requestLog?: "all" | "default";
  /** Rate limiter for public verification: true if `key` may proceed (absent: in-memory fallback). */
  rateLimit?: (key: string) => Promise<boolean>;
  /** Rate limiter for "find my certificates" per client (absent: in-memory fallback). */
  findRateLimit?: (key: string) => Promise<boolean>;
  /** Encrypts and indexes participants' email addresses (lazily: a missing secret fails issuing). */
  vault: () => Promise<EmailVault>;
  /** Email delivery. */
  mail: MailDeps;
  /**
   * Cloudflare Access in front of /console: checks the `Cf-Access-Jwt-Assertion` JWT. When set, the
   * console signs staff in by their Access email only (no token form).
   */
  access?: AccessVerifier;
}

/** did:web for a base URL (did:web spec §3.2: host, %3A-encoded port, then path segments). */
export function didWebFor(baseUrl: string): string {
  const u = new URL(baseUrl);
  const host = u.port ? `${u.hostname}%3A${u.port}` : u.hostname;
  const path = u.pathname.split("/").filter(Boolean).map(encodeURIComponent);
  return ["did:web", host, ...path].join(":");
}

/** One stored backup object. */
export interface BackupObject {
  key: string;
  size: number;
  uploaded: Date;
}

/** Where backups go: object storage outside the database (R2), implemented at the Worker edge. */
export interface BackupStorage {
  put(key: string, data: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  list(prefix: string): Promise<BackupObject[]>;
  delete(keys: string[]): Promise<void>;
  /** AES-256-GCM key for backup files (from the BACKUP_KEY secret). */
  encryptionKey: () => Promise<CryptoKey>;
}

/** A stored rendering: its bytes and the SHA-256 (hex) recorded when it was stored. */
export interface StoredPdf {
  bytes: Uint8Array;
  sha256: string;
}

/** Object storage for rendered PDFs (R2 at the edge), keyed by services/pdf-bytes-cache.ts. */
export interface PdfStore {
  get(key: string): Promise<StoredPdf | undefined>;
  put(key: string, pdf: StoredPdf): Promise<void>;
}

/** The part of the Cache API the last-good-copy middleware uses. */
export interface EdgeCache {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
}
