/**
 * What a certificate page may show about a credential: only facts the credential itself signs
 * (the catalogue is never consulted, so editing it cannot change an issued certificate's page).
 * Shared by the server presenter and the browser re-check, which compares the page with the
 * verified VC-JWT payload field by field. Pure, never throws.
 */

/** The signed facts a certificate page shows. */
export interface SignedFacts {
  participant: string;
  /** Catalogue slug from `achievement.id` (`…/achievements/{slug}`), signed by the QR token too. */
  achievementId: string;
  achievementName: string;
  description?: string;
  /** From `achievementType`: `CertificateOfCompletion` is the online phase, `Certificate` a workshop. */
  kind?: "online" | "workshop";
  /** Workshop city and venue: the `tag` entries before the themes (see domain/credential.ts). */
  city?: string;
  venue?: string;
  /** The calendar day of `activityStartDate` (YYYY-MM-DD; issued as a date, later as a UTC date-time). */
  date?: string;
  /** `fieldOfStudy`, split on "; ". */
  themes: string[];
  issuerId: string;
  issuerName: string;
  official?: string;
  validFrom: string;
  validUntil?: string;
}

/** Names of the page fields (`data-field` attributes), in page order. */
export const SHOWN_FIELDS = [
  "participant",
  "achievement-name",
  "city",
  "date",
  "themes",
  "venue",
  "description",
  "issuer-name",
  "official",
  "valid-from",
  "valid-until",
] as const;

/** One shown field's name. */
export type ShownField = (typeof SHOWN_FIELDS)[number];

function rec(v: unknown): Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

/** Reads the signed facts of an OB3 credential as this service issues it. */
export function signedFacts(credential: unknown): SignedFacts {
  const c = rec(credential);
  const subject = rec(c.credentialSubject);
  const a = rec(subject.achievement);
  const issuer = rec(c.issuer);
  const achievementUrl = str(a.id) ?? "";
  const slug = /\/achievements\/([^/?#]+)$/.exec(achievementUrl)?.[1] ?? "";
  const kind =
    a.achievementType === "CertificateOfCompletion"
      ? "online"
      : a.achievementType === "Certificate"
        ? "workshop"
        : undefined;
  const themes = (str(a.fieldOfStudy) ?? "").split("; ").filter((s) => s.length > 0);
  const tags = Array.isArray(a.tag) && a.tag.every((t) => typeof t === "string") ? (a.tag as string[]) : [];
  // Only a tag list that ends with exactly the themes can be attributed; otherwise show no city or venue.
  const prefixLength = tags.length - themes.length;
  const attributable = prefixLength >= 0 && themes.every((t, i) => tags[prefixLength + i] === t);
  const prefix = attributable ? tags.slice(0, prefixLength) : [];
  const workshop = kind === "workshop";
  return {
    participant: str(subject.name) ?? "",
    achievementId: slug,
    achievementName: str(a.name) ?? "",
    description: str(a.description),
    kind,
    city: workshop ? prefix[0] : undefined,
    venue: workshop ? prefix[1] : undefined,
    date: str(subject.activityStartDate)?.slice(0, 10),
    themes,
    issuerId: str(issuer.id) ?? (typeof c.issuer === "string" ? c.issuer : ""),
    issuerName: str(issuer.name) ?? "",
    official: str(issuer.official),
    validFrom: str(c.validFrom) ?? "",
    validUntil: str(c.validUntil),
  };
}

/**
 * The raw value of every field the page shows for these facts (absent fields are not shown). The
 * page renders each with `data-field` and, for dates, the raw value in `data-value`.
 */
export function shownFields(f: SignedFacts): Partial<Record<ShownField, string>> {
  const out: Partial<Record<ShownField, string>> = {
    participant: f.participant,
    "achievement-name": f.achievementName,
    city: f.city,
    date: f.date,
    themes: f.themes.length ? f.themes.join(", ") : undefined,
    venue: f.venue,
    description: f.description,
    "issuer-name": f.issuerName,
    official: f.official,
    "valid-from": f.validFrom,
    "valid-until": f.validUntil,
  };
  for (const k of SHOWN_FIELDS) if (out[k] === undefined || out[k] === "") delete out[k];
  return out;
}

/** Whether two shown-field maps hold exactly the same fields and values. */
export function sameShownFields(a: Partial<Record<string, string>>, b: Partial<Record<string, string>>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}
