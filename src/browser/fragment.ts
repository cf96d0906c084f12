/**
 * The QR token in the certificate link's fragment (`/c/{id}#{token}`). The token is base64url
 * (RFC 4648 §5), so a well-formed fragment needs no percent-decoding; a badly percent-encoded one
 * (`#%`, `#…%zz`) makes `decodeURIComponent` throw (ECMA-262 §19.2.6.5), which must end in a
 * "could not check", never in an uncaught error.
 */

/** What the fragment holds. */
export type FragmentToken = { kind: "token"; token: string } | { kind: "missing" } | { kind: "malformed" };

/** Reads the token from `location.hash`; never throws. */
export function fragmentToken(hash: unknown): FragmentToken {
  if (typeof hash !== "string") return { kind: "malformed" };
  const raw = hash.startsWith("#") ? hash.slice(1) : hash;
  if (raw === "") return { kind: "missing" };
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { kind: "malformed" };
  }
  return /^[A-Za-z0-9_-]{1,400}$/.test(decoded) ? { kind: "token", token: decoded } : { kind: "malformed" };
}
