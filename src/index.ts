/**
 * Cloudflare Worker entry: turns env bindings and secrets into the app's dependencies.
 * Everything runtime-specific stays here.
 */
import { loadSigner, parseKeySet, type PublishedKey } from "./adapters/crypto/keys";
import type { Signer } from "./adapters/crypto/ed25519";
import { createCanonicalizer } from "./adapters/jsonld/canonize";
import { createFastCanonicalizer } from "./adapters/jsonld/fast-canonize";
import { createStore } from "./adapters/storage/database";
import { assetsFontSource } from "./adapters/pdf/assets-font-source";
import { assetsBrandSource } from "./adapters/brand/assets-brand-source";
import { createRasterizer } from "./adapters/preview/rasterize";
import resvgWasm from "@resvg/resvg-wasm/index_bg.wasm";
import { createApp } from "./app";
import { AppError } from "./errors";
import { didWebFor, type AppDeps } from "./services/context";

/** Bindings and secrets (see wrangler.toml and README "Configuration"). */
export interface Env {
  DB: D1Database;
  /** Public base URL, e.g. https://certificates.we-gov.org (no trailing slash). */
  PUBLIC_BASE_URL: string;
  /** Published key set, JSON `{ "keys": [...] }` (from keys/*.json). */
  ISSUER_KEYS: string;
  /** Secret: the active signing key as an Ed25519 OKP JWK. */
  ISSUER_PRIVATE_KEY?: string;
  /** Secret: bootstrap admin token. */
  ADMIN_TOKEN?: string;
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
}

/** WeGO Secretariat's public address, for reports of suspected fakes (override with REPORT_CONTACT). */
const DEFAULT_REPORT_CONTACT = "secretariat@we-gov.org";

let cached: { fingerprint: string; app: ReturnType<typeof createApp> } | undefined;

/** The app's dependencies from the Worker's bindings (also used by integration tests). */
export async function createDeps(env: Env): Promise<AppDeps> {
  const baseUrl = (env.PUBLIC_BASE_URL ?? "").replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+/.test(baseUrl))
    throw new AppError("ERR_CONFIG", "PUBLIC_BASE_URL is not set to an http(s) URL");
  const keys: PublishedKey[] = await parseKeySet(env.ISSUER_KEYS ?? "");
  const linkedIn = env.LINKEDIN_ORGANIZATION_ID?.trim() || undefined;
  if (linkedIn && !/^\d{1,20}$/.test(linkedIn))
    throw new AppError("ERR_CONFIG", "LINKEDIN_ORGANIZATION_ID must be the numeric id of a LinkedIn company page");
  const reportContact = env.REPORT_CONTACT?.trim() || DEFAULT_REPORT_CONTACT;
  if (!/^(https:\/\/\S+|[^\s@]+@[^\s@]+\.[^\s@]+)$/.test(reportContact))
    throw new AppError("ERR_CONFIG", "REPORT_CONTACT must be an email address or an https:// URL");
  let signer: Promise<Signer> | undefined;
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
    // Specialised RDFC-1.0 for the shapes we issue (proven equal by property tests), generic otherwise.
    canonicalize: createFastCanonicalizer(createCanonicalizer()),
    clock: () => new Date(),
    random: (n) => crypto.getRandomValues(new Uint8Array(n)),
    fonts: assetsFontSource(env.ASSETS),
    brand: assetsBrandSource(env.ASSETS),
    rasterize: createRasterizer(async () => resvgWasm),
    rateLimit:
      // Benchmarks on loopback may switch the limiter off; a stray var cannot do so in production.
      env.RATE_LIMIT_PUBLIC === "off" && /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(baseUrl)
        ? async () => true
        : env.RATE_LIMITER
          ? async (key) => (await env.RATE_LIMITER!.limit({ key })).success
          : undefined,
  };
}

async function buildApp(env: Env): Promise<ReturnType<typeof createApp>> {
  const fingerprint = [
    env.PUBLIC_BASE_URL,
    env.ISSUER_KEYS,
    env.ISSUER_PRIVATE_KEY,
    env.ADMIN_TOKEN,
    env.LINKEDIN_ORGANIZATION_ID,
    env.REPORT_CONTACT,
  ].join("\u0000");
  if (cached?.fingerprint === fingerprint) return cached.app;
  const app = createApp(await createDeps(env));
  cached = { fingerprint, app };
  return app;
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    try {
      const app = await buildApp(env);
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
} satisfies ExportedHandler<Env>;
