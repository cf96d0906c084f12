/**
 * What a VC-API credential may not mean, read from the RDF dataset the proof will cover (VC Data
 * Integrity signs that dataset, not the JSON keys): types only the service signs, links into
 * WeGO's status lists, statements about what the service publishes, and an issuer, dates or
 * status written some other way than the JSON keys WeGO (like every JSON-reading verifier) reads
 * them from. A full IRI, a compact IRI, an inline-context alias or a node elsewhere naming the
 * credential's id all reach the same RDF.
 */
import { AppError } from "../errors";
import type { AppDeps } from "./context";

const invalid = (field: string, message: string) => new AppError("ERR_VALIDATION", `${field}: ${message}`, { field });

/** Whether `url` is on the service's own origin (WHATWG URL origin: userinfo, case, default port ignored). */
export function onServiceOrigin(url: string, baseUrl: string): boolean {
  try {
    return new URL(url).origin === new URL(baseUrl).origin;
  } catch {
    return false;
  }
}

/** OB 3.0's credential class; its `AchievementCredential` term names the same IRI (context 3.0.3). */
const OB_CREDENTIAL_CLASS = "<https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential>";
/** Bitstring Status List §2.2's credential class (the VC 2.0 context's `BitstringStatusListCredential`). */
const STATUS_LIST_CLASS = "<https://www.w3.org/ns/credentials/status#BitstringStatusListCredential>";
/** A `statusListCredential` link in N-Quads (Bitstring Status List §2.1), whatever JSON key wrote it. */
const STATUS_LIST_LINK = /<https:\/\/www\.w3\.org\/ns\/credentials\/status#statusListCredential> <([^>]*)>/g;

/**
 * Refuses a credential whose signed meaning is one only the service may sign, however its JSON
 * spells it: an Open Badges credential goes through the certificate path (catalogue achievement,
 * issuer profile and dates set by the service), or any OB 3.0 verifier would take it for a WeGO
 * certificate; a status list signed with WeGO's key, served from anywhere, could clear every
 * revocation in the list it imitates; statements about a resource on the service's origin (a
 * certificate, a status entry) would be WeGO's word about it.
 */
export async function refuseReservedMeaning(deps: AppDeps, credential: Record<string, unknown>): Promise<void> {
  // A document that does not canonicalize is refused with its own message when it is signed.
  const quads = await deps.canonicalize(credential).catch(() => "");
  if (quads.includes(OB_CREDENTIAL_CLASS))
    throw invalid(
      "credential.type",
      "an Open Badges credential (OpenBadgeCredential or AchievementCredential, however written) is a WeGO " +
        'certificate: request it with type ["VerifiableCredential", "OpenBadgeCredential"] and a catalogue achievement',
    );
  if (quads.includes(STATUS_LIST_CLASS))
    throw invalid("credential.type", "WeGO's status list credentials are published by the service, never issued");
  for (const [, list] of quads.matchAll(STATUS_LIST_LINK))
    if (onServiceOrigin(list!, deps.config.baseUrl))
      throw invalid(
        "credential.credentialStatus",
        "the issuer adds its own revocation and suspension entries; only those may point into WeGO's status lists",
      );
  // The credential's own id is refused by name where the request is prepared.
  for (const [, subject] of quads.matchAll(/^<([^>]*)> /gm))
    if (subject !== credential.id && onServiceOrigin(subject!, deps.config.baseUrl))
      throw invalid("credential", `states something about ${subject}, which the service publishes`);
  await refuseHiddenStatements(deps, credential);
}

const CRED = "https://www.w3.org/2018/credentials#";
/**
 * The credential's statements WeGO reads from JSON keys (VC 1.1 §4.5-§4.9, VC 2.0 §4.7-§4.10) and
 * the predicate each writes, in the order a refusal names them.
 */
const READ_FROM_KEYS: ReadonlyArray<readonly [string, string]> = [
  ["issuer", `${CRED}issuer`],
  ["credentialStatus", `${CRED}credentialStatus`],
  ["issuanceDate", `${CRED}issuanceDate`],
  ["validFrom", `${CRED}validFrom`],
  ["expirationDate", `${CRED}expirationDate`],
  ["validUntil", `${CRED}validUntil`],
  ["proof", "https://w3id.org/security#proof"],
];
const PROBE_ID = "urn:wego:probe:credential";
/** A status entry shaped as WeGO's own (status-slots.ts statusEntries), and its RDF in any accepted context. */
const PROBE_ENTRY = {
  id: "urn:wego:probe:status#0",
  type: "BitstringStatusListEntry",
  statusPurpose: "revocation",
  statusListIndex: "0",
  statusListCredential: "urn:wego:probe:status",
};
const STATUS = "https://www.w3.org/ns/credentials/status#";
const PROBE_ENTRY_QUADS = [
  `<${PROBE_ENTRY.id}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${STATUS}BitstringStatusListEntry> .`,
  `<${PROBE_ENTRY.id}> <${STATUS}statusListCredential> <${PROBE_ENTRY.statusListCredential}> .`,
  `<${PROBE_ENTRY.id}> <${STATUS}statusListIndex> "0" .`,
  `<${PROBE_ENTRY.id}> <${STATUS}statusPurpose> "revocation" .`,
].join("\n");

/**
 * Canonicalizes the credential without the keys WeGO reads (and with a status entry shaped as
 * WeGO's own in place of the ones it adds): the credential's node must then state none of those
 * predicates, save the status links the JSON gives, and the entry must mean what WeGO's entries
 * say (a default `@language` would make "revocation" a different literal).
 */
async function refuseHiddenStatements(deps: AppDeps, credential: Record<string, unknown>): Promise<void> {
  const probe: Record<string, unknown> = { ...credential };
  for (const [key] of READ_FROM_KEYS) delete probe[key];
  const given = credential.credentialStatus === undefined ? [] : [credential.credentialStatus].flat();
  const id = typeof credential.id === "string" ? credential.id : PROBE_ID;
  Object.assign(probe, { id, credentialStatus: [PROBE_ENTRY, ...given] });
  const quads = await deps.canonicalize(probe).catch(() => null);
  // JSON-LD safe mode refuses a term the contexts do not define (it would be unsigned).
  if (quads === null)
    throw invalid("credential", "uses a term its @context does not define, so it could not be signed");
  const lines = quads.split("\n");
  const node = `<${id}> `;
  if (!lines.includes(`${node}<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${CRED}VerifiableCredential> .`))
    throw invalid("credential.id", "the credential's node could not be found in its RDF dataset");
  for (const [key, predicate] of READ_FROM_KEYS) {
    const said = lines.filter((l) => l.startsWith(`${node}<${predicate}> `));
    const allowed =
      key === "credentialStatus"
        ? said.includes(`${node}<${predicate}> <${PROBE_ENTRY.id}> .`) && said.length <= 1 + given.length
        : said.length === 0;
    if (!allowed)
      throw invalid(`credential.${key}`, `is written only with its JSON key "${key}", which WeGO reads and verifies`);
  }
  const entry = lines.filter((l) => l.startsWith(`<${PROBE_ENTRY.id}> `)).join("\n");
  if (entry !== PROBE_ENTRY_QUADS)
    throw invalid(
      "credential.@context",
      "changes what WeGO's revocation and suspension entries mean (e.g. a default @language)",
    );
}
