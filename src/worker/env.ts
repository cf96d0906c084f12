/** The Worker's bindings and secrets (see wrangler.toml and README "Configuration"). */
export interface Env {
  DB: D1Database;
  /** Public base URL, e.g. https://certificates.we-gov.org (no trailing slash). */
  PUBLIC_BASE_URL: string;
  /** "production" or "staging": selects the key set bundled from keys/<env>.json. Unset locally. */
  WEGO_ENV?: string;
  /** Local development and tests only: the published key set as JSON (deployed envs use the bundle). */
  ISSUER_KEYS?: string;
  /** Secret: the active signing key as an Ed25519 OKP JWK. */
  ISSUER_PRIVATE_KEY?: string;
  /** Secret: bootstrap admin token. */
  ADMIN_TOKEN?: string;
  /** Secret: 32 random bytes (base64url) encrypting learning platforms' webhook and claim secrets. */
  SOURCE_SECRETS_KEY?: string;
  /** Static assets: the PDF fonts, the brand files and the browser verification script. */
  ASSETS: Fetcher;
  /** "off" disables public rate limiting, honoured only for a loopback PUBLIC_BASE_URL (benchmarks). */
  RATE_LIMIT_PUBLIC?: string;
  /** WeGO's LinkedIn company page id (digits), used by "Add to LinkedIn" on certificate pages. */
  LINKEDIN_ORGANIZATION_ID?: string;
  /** Where to report a suspected fake: an email address or an https URL (default WeGO's secretariat). */
  REPORT_CONTACT?: string;
  /** Workers Rate Limiting binding for public verification (absent locally: in-memory fallback). */
  RATE_LIMITER?: RateLimit;
  /** Workers Rate Limiting binding for "find my certificates" per client (absent locally: in-memory). */
  FIND_RATE_LIMITER?: RateLimit;
  /** Cloudflare Email Service `send_email` binding (simulated by `wrangler dev`). */
  EMAIL?: SendEmail;
  /** Producer binding of the delivery queue (its consumer is this Worker's `queue` handler). */
  DELIVERY_QUEUE?: Queue<{ deliveryId: string }>;
  /** Producer binding of the PDF render queue (its consumer is this Worker's `queue` handler too). */
  PDF_QUEUE?: Queue<{ renderPdf: string }>;
  /** Sender address, on a domain onboarded to Cloudflare Email Service. */
  EMAIL_FROM?: string;
  /** Sender display name. */
  EMAIL_FROM_NAME?: string;
  /** Reply-To address for participants' questions. */
  EMAIL_REPLY_TO?: string;
  /** Delay before the first retry of a failed send, in seconds (doubles per attempt; default 30). */
  EMAIL_RETRY_BASE_SECONDS?: string;
  /** Secret: `kid:base64url(32 bytes)`, the AES-256-GCM key sealing participants' addresses. */
  EMAIL_ENCRYPTION_KEY?: string;
  /** Secret: comma-separated `kid:key` kept to open addresses sealed before a rotation. */
  EMAIL_ENCRYPTION_PREVIOUS_KEYS?: string;
  /** Secret: base64url(32 bytes), the HMAC key of the email blind index. */
  EMAIL_INDEX_KEY?: string;
  /** "on": simulated send failures for addresses fail-transient…@ / fail-refused…@, loopback only (tests). */
  EMAIL_TEST_FAULTS?: string;
  /** R2 bucket of rendered certificate PDFs (absent: PDFs are rendered on first download, kept per isolate and data centre). */
  PDFS?: R2Bucket;
  /** "off": no background rendering of new certificates' PDFs (the tests' default; on wherever PDFS is bound). */
  PDF_PRERENDER?: string;
  /** R2 bucket for the encrypted nightly D1 backups (absent locally: backups off). */
  BACKUPS?: R2Bucket;
  /** Secret: base64 of 32 random bytes, the AES-256-GCM key of the backups. */
  BACKUP_KEY?: string;
  /** Where the scheduled self-check posts alerts (JSON with a Slack-compatible `text`); logs only when unset. */
  ALERT_WEBHOOK_URL?: string;
  /** Secret (optional): a Standard Webhooks secret (`whsec_…`) signing each alert (webhook-signature). */
  ALERT_WEBHOOK_SECRET?: string;
  /** "all": a log line for every request; otherwise public reads that succeed quickly get none (routes/operations.ts). */
  REQUEST_LOG?: string;
  /** Workers version metadata (deployed environments). */
  CF_VERSION_METADATA?: WorkerVersionMetadata;
  /** Cloudflare Access team domain (e.g. wego.cloudflareaccess.com); with ACCESS_AUD, /console requires Access. */
  ACCESS_TEAM_DOMAIN?: string;
  /** Audience (AUD) tag of the Access application protecting /console. */
  ACCESS_AUD?: string;
}
