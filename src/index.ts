/**
 * Cloudflare Worker entry: turns env bindings and secrets into the app's dependencies.
 * Everything runtime-specific stays here.
 */
import { EmailMessage } from "cloudflare:email";
import { createEmailVault, type EmailVault } from "./adapters/crypto/email-vault";
import { loadSigner, parseKeySet, type PublishedKey } from "./adapters/crypto/keys";
import type { Signer } from "./adapters/crypto/ed25519";
import { createCanonicalizer } from "./adapters/jsonld/canonize";
import { createFastCanonicalizer } from "./adapters/jsonld/fast-canonize";
import { createSecretBox, type SecretBox } from "./adapters/crypto/secret-box";
import { createStore } from "./adapters/storage/database";
import { createAccessVerifier } from "./adapters/access/access-jwt";
import { assetsFontSource } from "./adapters/pdf/assets-font-source";
import harfbuzzWasm from "harfbuzzjs/dist/harfbuzz.wasm";
import { assetsBrandSource } from "./adapters/brand/assets-brand-source";
import { createRasterizer } from "./adapters/preview/rasterize";
import resvgWasm from "@resvg/resvg-wasm/index_bg.wasm";
import { createApp } from "./app";
import { AppError } from "./errors";
import { emailTemplates } from "./pages/email/templates";
import {
  didWebFor,
  MailSendError,
  type AppDeps,
  type BackupStorage,
  type MailDeps,
  type OutgoingEmail,
} from "./services/context";
import { handleDeadLetters, handleDeliveryJobs } from "./services/delivery-consumer";
import { hourlyCheck } from "./services/scheduled";
import { alertOnChange, type AlertReport } from "./services/alerting";
import { postAlertWebhook } from "./adapters/alerts/webhook-alert";
import { nightlyBackup } from "./services/backup";
import { importBackupKey } from "./services/backup-format";
// The deployed environments' key sets are part of the build: a plain `wrangler deploy`, Workers
// Builds or a dashboard rollback always carries the key set the code was built with.
import productionKeys from "../keys/production.json";
import stagingKeys from "../keys/staging.json";

/** Key sets bundled per deployed environment (WEGO_ENV). */
const BUNDLED_KEY_SETS: Record<string, unknown> = { production: productionKeys, staging: stagingKeys };

/** Bindings and secrets (see wrangler.toml and README "Configuration"). */
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
  /** R2 bucket for the encrypted nightly D1 backups (absent locally: backups off). */
  BACKUPS?: R2Bucket;
  /** Secret: base64 of 32 random bytes, the AES-256-GCM key of the backups. */
  BACKUP_KEY?: string;
  /** Where the scheduled self-check posts alerts (JSON with a Slack-compatible `text`); logs only when unset. */
  ALERT_WEBHOOK_URL?: string;
  /** Secret (optional): a Standard Webhooks secret (`whsec_…`) signing each alert (webhook-signature). */
  ALERT_WEBHOOK_SECRET?: string;
  /** Workers version metadata (deployed environments). */
  CF_VERSION_METADATA?: WorkerVersionMetadata;
  /** Cloudflare Access team domain (e.g. wego.cloudflareaccess.com); with ACCESS_AUD, /console requires Access. */
  ACCESS_TEAM_DOMAIN?: string;
  /** Audience (AUD) tag of the Access application protecting /console. */
  ACCESS_AUD?: string;
}

/**
 * PUBLIC_BASE_URL must be an origin: the did:web of a URL with a path resolves to
 * <path>/did.json (did:web §3.2), which this service does not serve, and would differ from the DID
 * of the bare domain that certificates name.
 */
export function checkBaseUrl(raw: string | undefined): string {
  const value = (raw ?? "").replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError("ERR_CONFIG", "PUBLIC_BASE_URL is not set to an http(s) URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new AppError("ERR_CONFIG", "PUBLIC_BASE_URL is not set to an http(s) URL");
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password)
    throw new AppError(
      "ERR_CONFIG",
      `PUBLIC_BASE_URL must be an origin such as https://certificates.we-gov.org, without a path, query or credentials (got ${value})`,
    );
  return url.origin;
}

/** The key set: bundled for a deployed environment, ISSUER_KEYS locally. */
function keySetFor(env: Env): unknown {
  if (env.WEGO_ENV === undefined || env.WEGO_ENV === "") return env.ISSUER_KEYS ?? "";
  const bundled = BUNDLED_KEY_SETS[env.WEGO_ENV];
  if (!bundled) throw new AppError("ERR_CONFIG", `WEGO_ENV must be production or staging, not ${env.WEGO_ENV}`);
  return bundled;
}

/** WeGO Secretariat's public address, for reports of suspected fakes (override with REPORT_CONTACT). */
const DEFAULT_REPORT_CONTACT = "secretariat@we-gov.org";

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/;

/** Refusals no retry can fix (the binding's messages for a recipient or sender it will not take). */
const PERMANENT =
  /not allowed|not verified|unverified|invalid|reject|suppress|bounce|does not exist|unknown recipient/i;

/** The send_email binding as a sender: a raw MIME message per call; refusals become MailSendError. */
function mailSender(env: Env, baseUrl: string): (m: OutgoingEmail) => Promise<void> {
  const faults = env.EMAIL_TEST_FAULTS === "on" && LOOPBACK.test(baseUrl);
  return async ({ from, to, raw }) => {
    if (faults && /^fail-transient/i.test(to)) throw new MailSendError("simulated transient failure", false);
    if (faults && /^fail-refused/i.test(to)) throw new MailSendError("recipient rejected (simulated)", true);
    if (!env.EMAIL) throw new AppError("ERR_CONFIG", "The EMAIL (send_email) binding is not configured");
    try {
      await env.EMAIL.send(new EmailMessage(from, to, raw));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new MailSendError(message, PERMANENT.test(message));
    }
  };
}

function mailDeps(env: Env, baseUrl: string): MailDeps {
  const retry = Number(env.EMAIL_RETRY_BASE_SECONDS ?? "30");
  return {
    from: env.EMAIL_FROM ?? "certificates@example.org",
    fromName: env.EMAIL_FROM_NAME ?? "WeGO Certificates",
    replyTo: env.EMAIL_REPLY_TO || undefined,
    retryBaseSeconds: Number.isInteger(retry) && retry >= 0 ? retry : 30,
    templates: emailTemplates,
    send: mailSender(env, baseUrl),
    enqueue: async (ids) => {
      if (!env.DELIVERY_QUEUE) throw new AppError("ERR_CONFIG", "The DELIVERY_QUEUE binding is not configured");
      // sendBatch takes at most 100 messages per call.
      for (let i = 0; i < ids.length; i += 100)
        await env.DELIVERY_QUEUE.sendBatch(ids.slice(i, i + 100).map((deliveryId) => ({ body: { deliveryId } })));
    },
  };
}

let cached: { fingerprint: string; deps: AppDeps; app: ReturnType<typeof createApp> } | undefined;

/** The app's dependencies from the Worker's bindings (also used by integration tests). */
export async function createDeps(env: Env): Promise<AppDeps> {
  const baseUrl = checkBaseUrl(env.PUBLIC_BASE_URL);
  const keys: PublishedKey[] = await parseKeySet(keySetFor(env));
  const linkedIn = env.LINKEDIN_ORGANIZATION_ID?.trim() || undefined;
  if (linkedIn && !/^\d{1,20}$/.test(linkedIn))
    throw new AppError("ERR_CONFIG", "LINKEDIN_ORGANIZATION_ID must be the numeric id of a LinkedIn company page");
  const reportContact = env.REPORT_CONTACT?.trim() || DEFAULT_REPORT_CONTACT;
  if (!/^(https:\/\/\S+|[^\s@]+@[^\s@]+\.[^\s@]+)$/.test(reportContact))
    throw new AppError("ERR_CONFIG", "REPORT_CONTACT must be an email address or an https:// URL");
  let signer: Promise<Signer> | undefined;
  let secretBox: Promise<SecretBox> | undefined;
  let vault: Promise<EmailVault> | undefined;
  if (!!env.ACCESS_TEAM_DOMAIN !== !!env.ACCESS_AUD)
    throw new AppError("ERR_CONFIG", "Set both ACCESS_TEAM_DOMAIN and ACCESS_AUD (Cloudflare Access), or neither");
  return {
    config: { baseUrl, issuerDid: didWebFor(baseUrl), linkedInOrganizationId: linkedIn, reportContact },
    store: createStore(env.DB),
    keys,
    signer: () => {
      if (!env.ISSUER_PRIVATE_KEY) return Promise.reject(new AppError("ERR_CONFIG", "ISSUER_PRIVATE_KEY is not set"));
      signer ??= loadSigner(env.ISSUER_PRIVATE_KEY, keys);
      return signer;
    },
    adminToken: env.ADMIN_TOKEN ?? "",
    vault: () => {
      if (!env.EMAIL_ENCRYPTION_KEY || !env.EMAIL_INDEX_KEY)
        return Promise.reject(new AppError("ERR_CONFIG", "EMAIL_ENCRYPTION_KEY and EMAIL_INDEX_KEY must be set"));
      vault ??= createEmailVault({
        encryptionKey: env.EMAIL_ENCRYPTION_KEY,
        previousKeys: env.EMAIL_ENCRYPTION_PREVIOUS_KEYS,
        indexKey: env.EMAIL_INDEX_KEY,
      }).catch((e: unknown) => {
        vault = undefined;
        throw new AppError("ERR_CONFIG", e instanceof Error ? e.message : "email keys do not load");
      });
      return vault;
    },
    mail: mailDeps(env, baseUrl),
    findRateLimit: env.FIND_RATE_LIMITER
      ? async (key) => (await env.FIND_RATE_LIMITER!.limit({ key })).success
      : undefined,
    version: env.CF_VERSION_METADATA?.id,
    edgeCache: typeof caches === "undefined" ? undefined : caches.default,
    backups: env.BACKUPS ? r2Backups(env.BACKUPS, env.BACKUP_KEY) : undefined,
    secretBox: () => {
      if (!env.SOURCE_SECRETS_KEY) return Promise.reject(new AppError("ERR_CONFIG", "SOURCE_SECRETS_KEY is not set"));
      secretBox ??= createSecretBox(env.SOURCE_SECRETS_KEY).catch((cause: unknown) => {
        throw new AppError("ERR_CONFIG", "SOURCE_SECRETS_KEY is not 32 bytes in base64url", { cause });
      });
      return secretBox;
    },
    // Specialised RDFC-1.0 for the shapes we issue (proven equal by property tests), generic otherwise.
    canonicalize: createFastCanonicalizer(createCanonicalizer()),
    clock: () => new Date(),
    random: (n) => crypto.getRandomValues(new Uint8Array(n)),
    fonts: assetsFontSource(env.ASSETS, harfbuzzWasm),
    // One verifier per isolate: jose caches the team's keys between requests.
    access:
      env.ACCESS_TEAM_DOMAIN && env.ACCESS_AUD
        ? createAccessVerifier({ teamDomain: env.ACCESS_TEAM_DOMAIN, audience: env.ACCESS_AUD })
        : undefined,
    brand: assetsBrandSource(env.ASSETS),
    rasterize: createRasterizer(async () => resvgWasm),
    rateLimit:
      // Benchmarks on loopback may switch the limiter off; a stray var cannot do so in production.
      env.RATE_LIMIT_PUBLIC === "off" && LOOPBACK.test(baseUrl)
        ? async () => true
        : env.RATE_LIMITER
          ? async (key) => (await env.RATE_LIMITER!.limit({ key })).success
          : undefined,
  };
}

async function build(env: Env): Promise<{ deps: AppDeps; app: ReturnType<typeof createApp> }> {
  const fingerprint = [
    env.PUBLIC_BASE_URL,
    env.WEGO_ENV,
    env.ISSUER_KEYS,
    env.ISSUER_PRIVATE_KEY,
    env.ADMIN_TOKEN,
    env.SOURCE_SECRETS_KEY,
    env.EMAIL_ENCRYPTION_KEY,
    env.EMAIL_ENCRYPTION_PREVIOUS_KEYS,
    env.EMAIL_INDEX_KEY,
    env.EMAIL_FROM,
    env.EMAIL_FROM_NAME,
    env.EMAIL_REPLY_TO,
    env.EMAIL_RETRY_BASE_SECONDS,
    env.EMAIL_TEST_FAULTS,
    env.ACCESS_TEAM_DOMAIN,
    env.ACCESS_AUD,
    env.LINKEDIN_ORGANIZATION_ID,
    env.REPORT_CONTACT,
  ].join("\u0000");
  if (cached?.fingerprint === fingerprint) return cached;
  const deps = await createDeps(env);
  cached = { fingerprint, deps, app: createApp(deps) };
  return cached;
}

/** The R2 bucket as backup storage (the key from the BACKUP_KEY secret, checked when first used). */
export function r2Backups(bucket: R2Bucket, secret: string | undefined): BackupStorage {
  let key: Promise<CryptoKey> | undefined;
  return {
    put: async (name, data) => void (await bucket.put(name, data)),
    get: async (name) => {
      const obj = await bucket.get(name);
      return obj ? new Uint8Array(await obj.arrayBuffer()) : null;
    },
    list: async (prefix) => {
      const out = [];
      let cursor: string | undefined;
      do {
        const page = await bucket.list({ prefix, cursor });
        out.push(...page.objects.map((o) => ({ key: o.key, size: o.size, uploaded: o.uploaded })));
        cursor = page.truncated ? page.cursor : undefined;
      } while (cursor);
      return out;
    },
    delete: (names) => bucket.delete(names),
    encryptionKey: () => {
      if (!secret) return Promise.reject(new AppError("ERR_CONFIG", "BACKUP_KEY is not set"));
      key ??= importBackupKey(secret);
      return key;
    },
  };
}

/** Logs the alert as one JSON line and posts it to ALERT_WEBHOOK_URL (signed with ALERT_WEBHOOK_SECRET). */
async function sendAlert(env: Env, report: AlertReport): Promise<void> {
  const resolved = report.kind === "resolved";
  const line = JSON.stringify({
    level: resolved ? "info" : "alert",
    event: resolved ? "self_check_recovered" : "self_check_failed",
    ...report,
  });
  if (resolved) console.log(line);
  else console.error(line);
  if (env.ALERT_WEBHOOK_URL)
    await postAlertWebhook(
      env.ALERT_WEBHOOK_URL,
      env.ALERT_WEBHOOK_SECRET,
      { text: report.summary, ...report },
      new Date(),
    );
}

/** The Cron Triggers (wrangler.toml): "30 18 * * *" is the nightly backup, every other one the hourly check. */
export async function scheduled(controller: { cron: string }, env: Env): Promise<void> {
  const alert = (r: AlertReport) => sendAlert(env, r);
  let deps: AppDeps;
  try {
    deps = await createDeps(env);
  } catch (e) {
    // A configuration that cannot start is the first thing staff must hear about.
    const detail = e instanceof Error ? e.message : String(e);
    await alertOnChange(
      createStore(env.DB),
      new Date(),
      {
        summary: `WeGO certificates: the configuration does not start: ${detail}`,
        issuer: "",
        version: env.CF_VERSION_METADATA?.id ?? null,
        problems: { config: { state: "misconfigured", detail } },
      },
      alert,
    );
    return;
  }
  if (controller.cron === "30 18 * * *")
    await nightlyBackup(deps, (r) =>
      alert(r).catch((e) =>
        console.error(JSON.stringify({ level: "error", event: "alert_not_sent", error: String(e) })),
      ),
    );
  await hourlyCheck(deps, alert);
}

export default {
  scheduled: (controller, env, ctx) => ctx.waitUntil(scheduled(controller, env)),
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    try {
      const { app } = await build(env);
      return await app.fetch(request, env, ctx);
    } catch (err) {
      console.error(
        JSON.stringify({ level: "error", code: "ERR_CONFIG", error: err instanceof Error ? err.message : String(err) }),
      );
      return new Response(
        JSON.stringify({
          type: "urn:wego:problem:config",
          title: "ERR_CONFIG",
          status: 500,
          code: "ERR_CONFIG",
          detail: "The service is misconfigured; see the logs",
        }),
        {
          status: 500,
          headers: { "Content-Type": "application/problem+json" },
        },
      );
    }
  },

  /** Delivery jobs (and, from the dead-letter queue, jobs that ran out of attempts). */
  async queue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
    const { deps } = await build(env);
    if (batch.queue.endsWith("-dlq")) await handleDeadLetters(deps, batch.messages);
    else await handleDeliveryJobs(deps, batch.messages);
  },
} satisfies ExportedHandler<Env>;
