/**
 * The app's dependencies from the Worker's bindings, and the app built once per isolate for a
 * given configuration.
 */
import { createEmailVault, type EmailVault } from "../adapters/crypto/email-vault";
import { loadSigner, parseKeySet, type PublishedKey } from "../adapters/crypto/keys";
import type { Signer } from "../adapters/crypto/ed25519";
import { createCanonicalizer } from "../adapters/jsonld/canonize";
import { createFastCanonicalizer } from "../adapters/jsonld/fast-canonize";
import { createSecretBox, type SecretBox } from "../adapters/crypto/secret-box";
import { createStore } from "../adapters/storage/database";
import { createAccessVerifier } from "../adapters/access/access-jwt";
import { assetsFontSource } from "../adapters/pdf/assets-font-source";
import harfbuzzWasm from "harfbuzzjs/dist/harfbuzz.wasm";
import { assetsBrandSource } from "../adapters/brand/assets-brand-source";
import { BUNDLED_BRAND_MANIFEST } from "./brand-manifest";
import { createRasterizer } from "../adapters/preview/rasterize";
import resvgWasm from "@resvg/resvg-wasm/index_bg.wasm";
import { createApp } from "../app";
import { AppError } from "../errors";
import { didWebFor, type AppDeps } from "../services/context";
import { checkBaseUrl, DEFAULT_REPORT_CONTACT, keySetFor, LOOPBACK } from "./config";
import type { Env } from "./env";
import { mailDeps } from "./mail-binding";
import { r2Backups } from "./r2-backups";
import { r2PdfStore } from "./r2-pdf-store";

/** Background PDF renders on their queue, wherever the PDF store is bound (PDF_PRERENDER=off turns them off). */
function pdfJobsOf(env: Env): AppDeps["pdfJobs"] {
  const queue = env.PDF_QUEUE;
  if (!env.PDFS || !queue || env.PDF_PRERENDER === "off") return undefined;
  return async (ids) => {
    // sendBatch takes at most 100 messages per call.
    for (let i = 0; i < ids.length; i += 100)
      await queue.sendBatch(ids.slice(i, i + 100).map((renderPdf) => ({ body: { renderPdf } })));
  };
}

let cached: { env: Env; fingerprint: string; deps: AppDeps; app: ReturnType<typeof createApp> } | undefined;

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
    requestLog: env.REQUEST_LOG === "all" ? "all" : "default",
    edgeCache: typeof caches === "undefined" ? undefined : caches.default,
    pdfStore: env.PDFS ? r2PdfStore(env.PDFS) : undefined,
    pdfJobs: pdfJobsOf(env),
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
    brand: assetsBrandSource(env.ASSETS, { bundledManifest: BUNDLED_BRAND_MANIFEST }),
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

/** The app and its dependencies, rebuilt only when a configuration value changes. */
export async function build(env: Env): Promise<{ deps: AppDeps; app: ReturnType<typeof createApp> }> {
  // workerd hands every request of an isolate the same bindings object, and nothing writes to it:
  // only another object needs its configuration values joined and compared.
  if (cached?.env === env) return cached;
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
    env.REQUEST_LOG,
  ].join("\u0000");
  if (cached?.fingerprint === fingerprint) {
    cached.env = env;
    return cached;
  }
  const deps = await createDeps(env);
  cached = { env, fingerprint, deps, app: createApp(deps) };
  return cached;
}
