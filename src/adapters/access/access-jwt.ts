/**
 * Cloudflare Access: the JWT Access puts in the `Cf-Access-Jwt-Assertion` header of every request
 * it lets through, validated with jose against the team's published keys
 * (https://developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/validating-json/).
 * Checking it in the Worker too means a request that did not come through Access (another route,
 * a misconfigured policy) is refused rather than trusted.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import { type Failure, type Result, fail, ok } from "../../lib/result";

/** Which Access application the console sits behind. */
export interface AccessSettings {
  /** Team domain, e.g. `wego.cloudflareaccess.com` (a bare team name gets that suffix). */
  teamDomain: string;
  /** The application's Audience (AUD) tag. */
  audience: string;
}

/** Why a JWT was refused; never a throw. */
export type AccessFailure = Failure<
  | "ERR_ACCESS_INVALID"
  | "ERR_ACCESS_EXPIRED"
  | "ERR_ACCESS_WRONG_AUDIENCE"
  | "ERR_ACCESS_WRONG_ISSUER"
  | "ERR_ACCESS_NO_EMAIL"
>;

/** The staff member an Access JWT names. */
export interface AccessIdentity {
  email: string;
  subject: string;
}

/** The outcome of checking an Access JWT. */
export type AccessCheck = Result<AccessIdentity, AccessFailure>;

/** Checks one Access JWT. */
export type AccessVerifier = (jwt: string) => Promise<AccessCheck>;

/** `https://<team>.cloudflareaccess.com`: the issuer of the team's JWTs and the host of its keys. */
export function accessIssuer(teamDomain: string): string {
  const host = teamDomain
    .trim()
    .replace(/^https?:\/\//i, "")
    .replace(/\/.*$/, "")
    .toLowerCase();
  return `https://${host.includes(".") ? host : `${host}.cloudflareaccess.com`}`;
}

/** The team's signing keys (`/cdn-cgi/access/certs`), fetched and cached by jose. */
export function accessKeys(teamDomain: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(`${accessIssuer(teamDomain)}/cdn-cgi/access/certs`));
}

/**
 * A verifier for one Access application: RS256 signature by one of the team's keys, `iss` the
 * team, `aud` containing the application's tag, `exp`/`nbf` against `now` (60 s leeway for clock
 * skew), and an `email` claim (service tokens carry none and are not staff).
 */
export function createAccessVerifier(
  settings: AccessSettings,
  keys: JWTVerifyGetKey = accessKeys(settings.teamDomain),
  now: () => Date = () => new Date(),
): AccessVerifier {
  const issuer = accessIssuer(settings.teamDomain);
  return async (jwt) => {
    try {
      const { payload } = await jwtVerify(jwt, keys, {
        issuer,
        audience: settings.audience,
        algorithms: ["RS256"],
        clockTolerance: 60,
        currentDate: now(),
        requiredClaims: ["exp", "iat"],
      });
      const email = typeof payload.email === "string" ? payload.email.trim().toLowerCase() : "";
      if (!/^[^\s@]+@[^\s@]+$/.test(email))
        return fail({ code: "ERR_ACCESS_NO_EMAIL", message: "the JWT has no email claim (a service token?)" });
      return ok({ email, subject: typeof payload.sub === "string" ? payload.sub : email });
    } catch (e) {
      if (e instanceof errors.JWTExpired) return fail({ code: "ERR_ACCESS_EXPIRED", message: "the JWT has expired" });
      if (e instanceof errors.JWTClaimValidationFailed) {
        if (e.claim === "aud")
          return fail({ code: "ERR_ACCESS_WRONG_AUDIENCE", message: "the JWT is for another Access application" });
        if (e.claim === "iss")
          return fail({ code: "ERR_ACCESS_WRONG_ISSUER", message: "the JWT is from another Access team" });
      }
      return fail({ code: "ERR_ACCESS_INVALID", message: "the JWT is not one the team's keys signed" });
    }
  };
}
