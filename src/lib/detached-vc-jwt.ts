/**
 * A VC-JWT stored without its payload. Our VC-JWT's payload is the stored credential without its
 * proof, plus `iss` (adapters/jwt/vc-jwt.ts), so keeping it beside the credential doubles the signed
 * text stored per certificate. It is stored as a JWS with detached content (RFC 7515 Appendix F:
 * `header..signature`) and put back together on read. Storing the detached form is only done when
 * putting it back together gives exactly the signed JWT; any other JWT, and every row written before,
 * is stored and read whole.
 */
import { base64urlDecode, base64urlEncode, utf8 } from "./encoding";

const DETACHED = /^([A-Za-z0-9_-]+)\.\.([A-Za-z0-9_-]+)$/;

/** The payload our signer writes for `credentialText` (the stored credential) and the header's key. */
function payloadOf(header: string, credentialText: string): string | null {
  const decoded = base64urlDecode(header);
  if (!decoded) return null;
  try {
    const { kid } = JSON.parse(new TextDecoder().decode(decoded)) as { kid?: unknown };
    if (typeof kid !== "string" || !kid.includes("#")) return null;
    const { proof: _proof, ...unsecured } = JSON.parse(credentialText) as Record<string, unknown>;
    // `iss` is the DID of the key id (did:web:…#<kid>), as the signer set both.
    return base64urlEncode(utf8.encode(JSON.stringify({ ...unsecured, iss: kid.slice(0, kid.indexOf("#")) })));
  } catch {
    return null;
  }
}

/** The full compact VC-JWT from its stored form (a whole JWT is returned as is). */
export function expandVcJwt(stored: string, credentialText: string): string {
  const m = DETACHED.exec(stored);
  if (!m) return stored;
  const payload = payloadOf(m[1]!, credentialText);
  // A detached form whose payload cannot be rebuilt is returned as stored: it verifies as nothing.
  return payload === null ? stored : `${m[1]}.${payload}.${m[2]}`;
}

/** The form to store: detached when {@link expandVcJwt} gives back exactly `jwt`, else `jwt` whole. */
export function detachVcJwt(jwt: string, credentialText: string): string {
  const parts = jwt.split(".");
  if (parts.length !== 3) return jwt;
  const detached = `${parts[0]}..${parts[2]}`;
  return expandVcJwt(detached, credentialText) === jwt ? detached : jwt;
}
