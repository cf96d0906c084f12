/**
 * Checks of the plain configuration values: the public origin, the bundled key set per
 * environment, the report contact. Every failure is ERR_CONFIG naming the variable.
 */
import { AppError } from "../errors";
import type { Env } from "./env";
// The deployed environments' key sets are part of the build: a plain `wrangler deploy`, Workers
// Builds or a dashboard rollback always carries the key set the code was built with.
import productionKeys from "../../keys/production.json";
import stagingKeys from "../../keys/staging.json";

/** Key sets bundled per deployed environment (WEGO_ENV). */
const BUNDLED_KEY_SETS: Record<string, unknown> = { production: productionKeys, staging: stagingKeys };

/** WeGO Secretariat's public address, for reports of suspected fakes (override with REPORT_CONTACT). */
export const DEFAULT_REPORT_CONTACT = "secretariat@we-gov.org";

/** A loopback public URL: local development, tests and benchmarks. */
export const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/;

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
export function keySetFor(env: Env): unknown {
  if (env.WEGO_ENV === undefined || env.WEGO_ENV === "") return env.ISSUER_KEYS ?? "";
  const bundled = BUNDLED_KEY_SETS[env.WEGO_ENV];
  if (!bundled) throw new AppError("ERR_CONFIG", `WEGO_ENV must be production or staging, not ${env.WEGO_ENV}`);
  return bundled;
}
