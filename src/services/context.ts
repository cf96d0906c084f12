/** What the application layer needs from the outside world, assembled at the edge. */
import type { Signer } from "../adapters/crypto/ed25519";
import type { PublishedKey } from "../adapters/crypto/keys";
import type { Canonicalize } from "../adapters/jsonld/canonize";
import type { Store } from "../adapters/storage/database";
import type { FontSource } from "../adapters/pdf/types";
import type { BrandSource } from "../domain/brand";
import type { RasterizeSvg } from "../adapters/preview/rasterize";

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
  /** WeGO's logo, emblem and signature image, supplied by the deployment (README "Configuration"). */
  brand: BrandSource;
  /** SVG → PNG (resvg WebAssembly), for the certificate picture / og:image. */
  rasterize: RasterizeSvg;
  /** Rate limiter for public verification: true if `key` may proceed (absent: in-memory fallback). */
  rateLimit?: (key: string) => Promise<boolean>;
}

/** did:web for a base URL (did:web spec §3.2: host, %3A-encoded port, then path segments). */
export function didWebFor(baseUrl: string): string {
  const u = new URL(baseUrl);
  const host = u.port ? `${u.hostname}%3A${u.port}` : u.hostname;
  const path = u.pathname.split("/").filter(Boolean).map(encodeURIComponent);
  return ["did:web", host, ...path].join(":");
}
