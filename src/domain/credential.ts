/**
 * Builds the unsigned W3C VC 2.0 / Open Badges 3.0 `OpenBadgeCredential` for a certificate.
 * Pure: the id, clock reading and salt are passed in.
 */
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from "../lib/context-urls";
import { toHex, utf8 } from "../lib/encoding";
import type { AchievementRecord } from "./types";

/** Who issues: WeGO, signing on behalf of its Secretary General. */
export interface IssuerProfile {
  /** did:web DID derived from the public base URL. */
  id: string;
  name: string;
  url: string;
  /** OB3 `Profile.official`: the signing official. */
  official: string;
}

/** The issuer WeGO presents in every credential. */
export function wegoIssuer(did: string): IssuerProfile {
  return {
    id: did,
    name: "World Smart Sustainable Cities Organization (WeGO)",
    url: "https://www.we-gov.org",
    official: "Park Jung Sook, Secretary General",
  };
}

/** A Bitstring Status List entry (VC Bitstring Status List §2.1). */
export interface StatusEntry {
  id: string;
  type: "BitstringStatusListEntry";
  statusPurpose: "revocation" | "suspension";
  statusListIndex: string;
  statusListCredential: string;
}

/** Everything that goes into one certificate's credential. */
export interface CredentialInput {
  baseUrl: string;
  certificateId: string;
  issuer: IssuerProfile;
  achievement: AchievementRecord;
  recipientName: string;
  recipientEmail: string;
  /** Random salt for the email's identity hash (hex). */
  salt: string;
  issuedAt: Date;
  validUntil?: string;
  credentialStatus?: StatusEntry[];
}

/** OB3 §B.1.10 IdentityObject hash: `sha256$` + hex(SHA-256(normalised email ‖ salt)). */
export async function identityHash(email: string, salt: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", utf8.encode(email.trim().toLowerCase() + salt));
  return "sha256$" + toHex(new Uint8Array(digest));
}

/** The certificate's public URL, which is also the credential `id` and the QR content. */
export function certificateUrl(baseUrl: string, certificateId: string): string {
  return `${baseUrl}/c/${certificateId}`;
}

/** The achievement's public URL (its OB3 `id`). */
export function achievementUrl(baseUrl: string, achievementId: string): string {
  return `${baseUrl}/achievements/${achievementId}`;
}

/** The achievement's badge image (OB 3.0 §B.1.1 `image`), served by the service. */
export function achievementImageUrl(baseUrl: string, achievementId: string): string {
  return `${achievementUrl(baseUrl, achievementId)}/image.svg`;
}

/** The issuer profile's image (OB 3.0 §B.1.15 `image`): WeGO's emblem from the brand files (`/brand/`). */
export function issuerImageUrl(baseUrl: string): string {
  return `${baseUrl}/brand/emblem.png`;
}

/** OB 3.0 Image objects for an achievement and the issuer (a URL, a type and a caption for screen readers). */
export function achievementImage(baseUrl: string, a: Pick<AchievementRecord, "id" | "name">) {
  return { id: achievementImageUrl(baseUrl, a.id), type: "Image", caption: `Badge: ${a.name}` };
}

/** The issuer's OB 3.0 Image object. */
export function issuerImage(baseUrl: string, issuer: Pick<IssuerProfile, "name">) {
  return { id: issuerImageUrl(baseUrl), type: "Image", caption: issuer.name };
}

/** Seconds-precision UTC timestamp, the form `validFrom` and `created` use. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Builds the unsigned credential. */
export async function buildCredential(input: CredentialInput): Promise<Record<string, unknown>> {
  const a = input.achievement;
  const achievement: Record<string, unknown> = {
    id: achievementUrl(input.baseUrl, a.id),
    type: ["Achievement"],
    achievementType: a.kind === "online" ? "CertificateOfCompletion" : "Certificate",
    name: a.name,
    description: a.description,
    criteria: { narrative: a.criteria },
    fieldOfStudy: a.themes.join("; "),
    tag: a.kind === "online" ? ["online lectures", ...a.themes] : [a.city!, ...(a.venue ? [a.venue] : []), ...a.themes],
    creator: { id: input.issuer.id, type: ["Profile"], name: input.issuer.name },
    image: achievementImage(input.baseUrl, a),
  };
  const subject: Record<string, unknown> = {
    type: ["AchievementSubject"],
    name: input.recipientName,
    identifier: [
      {
        type: "IdentityObject",
        identityHash: await identityHash(input.recipientEmail, input.salt),
        identityType: "emailAddress",
        hashed: true,
        salt: input.salt,
      },
    ],
    achievement,
  };
  if (a.date) {
    // OB 3.0 §B.1.3 types both as DateTime, and 1EdTech's JSON Schema requires RFC 3339 date-times
    // (with an offset): the workshop day, in UTC.
    subject.activityStartDate = `${a.date}T00:00:00Z`;
    subject.activityEndDate = `${a.date}T23:59:59Z`;
  }
  return {
    "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: certificateUrl(input.baseUrl, input.certificateId),
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: a.name,
    issuer: {
      id: input.issuer.id,
      type: ["Profile"],
      name: input.issuer.name,
      url: input.issuer.url,
      official: input.issuer.official,
      image: issuerImage(input.baseUrl, input.issuer),
    },
    validFrom: isoSeconds(input.issuedAt),
    ...(input.validUntil ? { validUntil: input.validUntil } : {}),
    credentialSubject: subject,
    ...(input.credentialStatus?.length ? { credentialStatus: input.credentialStatus } : {}),
  };
}
