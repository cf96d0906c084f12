/**
 * W3C VC-API issuance of a credential that is not a WeGO certificate: any credential the VC 2.0
 * data model allows, signed as given with WeGO as issuer. Like every signature of WeGO's key it is
 * recorded (the `certificates` table, reserved catalogue row), audited in the same D1 batch, and
 * carries WeGO's revocation and suspension entries, so an administrator can revoke or suspend it
 * with the same endpoints. It is never a certificate: the verifier refuses it as one
 * (`ERR_NOT_A_CERTIFICATE`), and it has no page or PDF.
 */
import { detachVcJwt } from "../lib/detached-vc-jwt";
import { base64urlEncode } from "../lib/encoding";
import { searchKey } from "../lib/search-key";
import { VC_API_ACHIEVEMENT } from "../adapters/storage/achievement-repository";
import { auditInsert } from "../adapters/storage/audit-repository";
import { certificateInsert, type CertificateRow } from "../adapters/storage/certificate-repository";
import { runBatch } from "../adapters/storage/database";
import {
  DATA_INTEGRITY_V2_CONTEXT,
  KNOWN_CONTEXTS,
  KNOWN_CONTEXTS_V11,
  STATUS_V1_CONTEXT,
} from "../adapters/jsonld/contexts";
import { certificateUrl, isoSeconds } from "../domain/credential";
import { credentialProblems, isVc11, problemSource } from "../domain/vc11-data-model";
import { AppError } from "../errors";
import type { AppDeps } from "./context";
import { describeCertificate, type IssuedCertificate, type RequestActor } from "./issue-certificate";
import { signCredential } from "./sign-certificate";
import { allocateSlots, statusEntries, withSlotRetry } from "./status-slots";

const invalid = (field: string, message: string) => new AppError("ERR_VALIDATION", `${field}: ${message}`, { field });

/**
 * The 400 for the first data model MUST a request credential breaks (the field named from
 * `credential`), or nothing: VC 2.0 §4, or VC 1.1 §4-5 where `v11` allows a VC 1.1 credential.
 */
export function checkDataModel(credential: unknown, opts: { v11?: boolean } = {}): void {
  const [p] = credentialProblems(credential, {
    knownContexts: KNOWN_CONTEXTS,
    ...(opts.v11 ? { knownContextsV11: KNOWN_CONTEXTS_V11, requireOffset: true } : {}),
  });
  if (p) throw invalid(p.field ? `credential.${p.field}` : "credential", `${p.message} (${problemSource(p)})`);
}

/**
 * A VC 1.1 credential with the contexts of what WeGO adds to it (VC 1.1 §4.1 has neither): VC Data
 * Integrity's for the proof and Bitstring Status List's for the status entries, the pair
 * `@digitalbazaar/vc-bitstring-status-list` looks for beside the VC 1.1 context.
 */
function withV11Contexts(credential: Record<string, unknown>): Record<string, unknown> {
  const contexts = credential["@context"] as unknown[];
  const add = [DATA_INTEGRITY_V2_CONTEXT, STATUS_V1_CONTEXT].filter((c) => !contexts.includes(c));
  return { ...credential, "@context": [...contexts, ...add] };
}

/** `url` in its normal form (WHATWG URL serialization); not a URL: unchanged. */
function normalUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
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
 * spells the type (full IRI, compact IRI, inline-context alias): an Open Badges credential goes
 * through the certificate path (catalogue achievement, issuer profile and dates set by the
 * service), or any OB 3.0 verifier would take it for a WeGO certificate; a status list signed with
 * WeGO's key, served from anywhere, could clear every revocation in the list it imitates. The type
 * is read from the RDF dataset the proof will cover, not from the JSON `type` key.
 */
async function refuseReservedMeaning(deps: AppDeps, credential: Record<string, unknown>): Promise<void> {
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
  const ours = normalUrl(`${deps.config.baseUrl}/status/`);
  for (const [, list] of quads.matchAll(STATUS_LIST_LINK))
    if (normalUrl(list!).startsWith(ours))
      throw invalid(
        "credential.credentialStatus",
        "the issuer adds its own revocation and suspension entries; only those may point into WeGO's status lists",
      );
}

/** What the issuer adds or refuses before signing (VC-API "Issue Credential"). */
function prepare(
  deps: AppDeps,
  credential: Record<string, unknown>,
  rowId: string,
  now: Date,
): Record<string, unknown> {
  const did = deps.config.issuerDid;
  const issuer = credential.issuer;
  const issuerId = typeof issuer === "object" && issuer !== null ? (issuer as { id?: unknown }).id : issuer;
  if (issuer !== undefined && issuerId !== did) throw invalid("credential.issuer", `WeGO issues only as ${did}`);
  if (credential.proof !== undefined)
    throw invalid("credential.proof", "the issuer adds the proof; send the credential without one");
  // VC 2.0 §4.10: a status mechanism the caller runs is signed as given; WeGO's own entries are
  // added after it, and only the issuer may point into WeGO's lists (a slot is one credential's;
  // refuseReservedMeaning checks the same in the RDF, whatever the JSON key).
  const ours = normalUrl(`${deps.config.baseUrl}/status/`);
  const given = credential.credentialStatus === undefined ? [] : [credential.credentialStatus].flat();
  given.forEach((entry, i) => {
    const list = (entry as { statusListCredential?: unknown }).statusListCredential;
    if (typeof list === "string" && normalUrl(list).startsWith(ours))
      throw invalid(
        Array.isArray(credential.credentialStatus) ? `credential.credentialStatus.${i}` : "credential.credentialStatus",
        "the issuer adds its own revocation and suspension entries; only those may point into WeGO's status lists",
      );
  });
  // Addresses on the service's own origin (certificates under /c/, status lists under /status/, …)
  // name what the service publishes there. Compared as URLs (RFC 3986 §6.2.2: scheme and host case,
  // dot segments, default port), so `HTTP://HOST/./c/<id>` is refused too.
  if (typeof credential.id === "string" && normalUrl(credential.id).startsWith(normalUrl(`${deps.config.baseUrl}/`)))
    throw invalid("credential.id", `ids under ${deps.config.baseUrl}/ are assigned by the service`);
  return {
    ...credential,
    id: credential.id ?? certificateUrl(deps.config.baseUrl, rowId),
    // VC 1.1 §4.6: the request carries its own issuanceDate; validFrom is VC 2.0's (§4.9).
    ...(isVc11(credential) ? {} : { validFrom: credential.validFrom ?? isoSeconds(now) }),
  };
}

/** Signs, records and audits one VC-API credential; answers what the certificate path answers. */
export async function issueVcApiCredential(
  deps: AppDeps,
  credential: Record<string, unknown>,
  who: RequestActor,
): Promise<IssuedCertificate> {
  checkDataModel(credential, { v11: true });
  const v11 = isVc11(credential);
  // The meaning is read with the contexts it will be signed with.
  if (v11) credential = withV11Contexts(credential);
  await refuseReservedMeaning(deps, credential);
  const now = deps.clock();
  return withSlotRetry(async () => {
    const rowId = base64urlEncode(deps.random(16));
    const [slot] = await allocateSlots(deps, 1);
    const unsigned: Record<string, unknown> = {
      ...prepare(deps, credential, rowId, now),
      credentialStatus: [
        ...statusEntries(deps.config.baseUrl, slot!),
        ...(credential.credentialStatus === undefined ? [] : [credential.credentialStatus].flat()),
      ],
    };
    let signed: Awaited<ReturnType<typeof signCredential>>;
    try {
      signed = await signCredential(deps, unsigned, now);
    } catch (e) {
      if (e instanceof AppError) throw e;
      // JSON-LD safe mode (canonicalization) refuses a term the contexts do not define: it would be unsigned.
      throw invalid("credential", "uses a term its @context does not define, so it could not be signed");
    }
    const subjects = [unsigned.credentialSubject].flat() as Array<Record<string, unknown>>;
    const recipientName = typeof subjects[0]?.name === "string" ? subjects[0].name.slice(0, 500) : "";
    const credentialText = JSON.stringify(signed.credential);
    const row: CertificateRow = {
      id: rowId,
      achievement_id: VC_API_ACHIEVEMENT,
      recipient_name: recipientName,
      identity_hash: "",
      credential: credentialText,
      vc_jwt: detachVcJwt(signed.vcJwt, credentialText),
      key_id: signed.signer.kid,
      issued_at: isoSeconds(now),
      valid_until:
        ([unsigned.validUntil, unsigned.expirationDate].find((d) => typeof d === "string") as string) ?? null,
      status: "active",
      status_reason: null,
      status_note: null,
      status_changed_at: null,
      superseded_by: null,
      supersedes: null,
      status_list: slot!.list,
      status_index: slot!.index,
      compact_token: null,
      external_id: null,
      batch_id: null,
      // Found by name in the staff list; no email is known for a VC-API credential.
      search_name: recipientName ? searchKey(recipientName) : null,
      email_ciphertext: null,
      email_key_id: null,
      email_index: null,
      language: "en",
    };
    const audit = {
      actor: who.actor,
      action: "credential.issue",
      target: rowId,
      requestId: who.requestId,
      at: now.toISOString(),
      after: { credentialId: unsigned.id, type: unsigned.type, keyId: row.key_id },
    };
    await runBatch(deps.store, [certificateInsert(deps.store, row), auditInsert(deps.store, audit)]);
    return describeCertificate(deps, row);
  });
}
