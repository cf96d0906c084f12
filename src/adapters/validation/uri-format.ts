/**
 * A cheaper `format: "uri"` for `@cfworker/json-schema`, accepting exactly the same strings.
 *
 * The library's check is one large regular expression for RFC 3986 §3 `URI` (every IPv6 form
 * spelled out); V8 compiles a regular expression on its first use, and compiling that one cost
 * about 5.5 ms of a new isolate's first certificate page (a V8 profile through workerd's
 * inspector). The URIs of our credentials are plain: `https://host[:port]/path`, `urn:uuid:…`,
 * `did:web:…`. {@link FAST_URI} matches only such strings, each of which the library's expression
 * also matches (its scheme, a reg-name host of unreserved characters, and the library's own path,
 * query and fragment productions); anything else goes to the library's check. So the language
 * accepted is unchanged, and the large expression is compiled only for an unusual URI.
 */
import { format } from "@cfworker/json-schema";

/** RFC 3986 `pchar` as the library writes it (case-insensitive). */
const PCHAR = "(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})";
/** `[?query]` and `[#fragment]`, as the library writes them. */
const TAIL = `(?:\\?(?:${PCHAR}|[/?])*)?(?:#(?:${PCHAR}|[/?])*)?`;

/**
 * scheme ":" then either "//" reg-name [":" port] path-abempty, or path-rootless; then query and
 * fragment. A subset of the library's URI expression, alternative by alternative.
 */
export const FAST_URI = new RegExp(
  `^[a-z][a-z0-9+\\-.]*:(?://[a-z0-9\\-._~]*(?::\\d*)?(?:/${PCHAR}*)*|${PCHAR}+(?:/${PCHAR}*)*)${TAIL}$`,
  "i",
);

/** The library's own check, kept for what the fast expression does not match. */
export const libraryUri: (s: string) => boolean = format.uri!;

/** Installs the fast path in front of the library's `uri` format (idempotent). */
export function installFastUriFormat(): void {
  if (format.uri !== fastUri) format.uri = fastUri;
}

function fastUri(s: string): boolean {
  return FAST_URI.test(s) || libraryUri(s);
}
