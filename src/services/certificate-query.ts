/**
 * The query of a certificate list, read from URL parameters with one clear 400 per bad field.
 * Shared by the list, the exports and the print pack, so they always select the same rows.
 */
import { isoSeconds } from "../domain/credential";
import { base64urlDecode, base64urlEncode, utf8 } from "../lib/encoding";
import { searchKey } from "../lib/search-key";
import type { CertificateFilter, ListPosition } from "../adapters/storage/certificate-search-repository";
import { AppError } from "../errors";

/** A parsed list query: the filter, the page size and where the page starts. */
export interface CertificateQuery {
  filter: CertificateFilter;
  limit: number;
  after?: ListPosition;
  /** Whether to count every match (a second query; off by default). */
  count: boolean;
}

/** Query parameters a list accepts (the print pack and exports take the same). */
export const LIST_PARAMETERS = [
  "q",
  "achievementId",
  "programme",
  "status",
  "batchId",
  "keyId",
  "issuedFrom",
  "issuedTo",
  "limit",
  "cursor",
  "count",
  "format",
] as const;

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

const SLUG = /^[a-z0-9-]{1,64}$/;
const STATUSES = ["active", "suspended", "revoked"] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const ISSUED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const bad = (field: string, message: string) => new AppError("ERR_VALIDATION", `${field}: ${message}`, { field });

/** A date or date-time parameter → epoch ms; a date is the start of that day in UTC. */
function instant(field: string, text: string): { ms: number; dateOnly: boolean } {
  const dateOnly = DATE.test(text);
  const ms = dateOnly ? Date.parse(`${text}T00:00:00Z`) : DATE_TIME.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms) || (dateOnly && isoSeconds(new Date(ms)).slice(0, 10) !== text))
    throw bad(field, "must be a date (2024-10-01) or a date-time with time zone (2024-10-01T09:00:00+09:00)");
  return { ms, dateOnly };
}

/** Several values: repeated parameters and comma-separated lists alike. */
const many = (values: string[]) =>
  values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);

/** The opaque cursor naming the last row of a page. */
export function encodeCursor(p: ListPosition): string {
  return base64urlEncode(utf8.encode(JSON.stringify([p.issuedAt, p.seq])));
}

function decodeCursor(text: string): ListPosition {
  const bytes = base64urlDecode(text);
  try {
    const [issuedAt, seq] = JSON.parse(
      new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes ?? new Uint8Array()),
    );
    if (typeof issuedAt === "string" && ISSUED_AT.test(issuedAt) && Number.isSafeInteger(seq) && seq > 0)
      return { issuedAt, seq };
  } catch {
    /* reported below */
  }
  throw bad("cursor", "is not a cursor from a previous page");
}

/**
 * Reads a list query from URL parameters (name → every value given). Unknown parameters are
 * refused, so a misspelt filter never silently lists everything. `emailIndex` gives the keyed
 * blind index of an address (the email vault), for a `q` holding an email.
 */
export async function parseCertificateQuery(
  params: Record<string, string[]>,
  emailIndex: (email: string) => Promise<string>,
): Promise<CertificateQuery> {
  const one = (name: string): string | undefined => {
    const v = params[name];
    if (!v?.length) return undefined;
    if (v.length > 1) throw bad(name, "give it once");
    return v[0];
  };
  for (const name of Object.keys(params))
    if (!(LIST_PARAMETERS as readonly string[]).includes(name))
      throw bad(name, `is not a known parameter (known: ${LIST_PARAMETERS.join(", ")})`);
  const filter: CertificateFilter = {};

  const q = one("q")?.trim();
  if (q) {
    if (q.length > 254) throw bad("q", "must be at most 254 characters");
    // With an @ it is an email (or an external id that looks like one), never part of a name.
    filter.text = q.includes("@")
      ? { exact: q, nameKey: "", emailIndex: await emailIndex(q) }
      : { exact: q, nameKey: searchKey(q) };
  }
  const achievementIds = many(params.achievementId ?? []);
  if (achievementIds.length > 50) throw bad("achievementId", "at most 50 ids");
  for (const id of achievementIds) if (!SLUG.test(id)) throw bad("achievementId", `"${id}" is not an achievement id`);
  if (achievementIds.length) filter.achievementIds = achievementIds;
  const programme = one("programme");
  if (programme !== undefined) {
    if (!SLUG.test(programme)) throw bad("programme", "must be an id prefix such as champions-2024");
    filter.programme = programme;
  }
  const statuses = many(params.status ?? []);
  for (const s of statuses)
    if (!(STATUSES as readonly string[]).includes(s)) throw bad("status", `must be one of ${STATUSES.join(", ")}`);
  if (statuses.length) filter.statuses = statuses as (typeof STATUSES)[number][];
  const batchId = one("batchId");
  if (batchId !== undefined) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(batchId)) throw bad("batchId", "is not a batch id");
    filter.batchId = batchId;
  }
  const keyId = one("keyId");
  if (keyId !== undefined) {
    if (!/^[\x21-\x7e]{1,256}$/.test(keyId)) throw bad("keyId", "is not a key id");
    filter.keyId = keyId;
  }
  const from = one("issuedFrom");
  if (from !== undefined) filter.issuedFrom = isoSeconds(new Date(instant("issuedFrom", from).ms));
  const to = one("issuedTo");
  if (to !== undefined) {
    // Inclusive: a date means to the end of that day; a date-time includes its own second.
    const t = instant("issuedTo", to);
    filter.issuedBefore = isoSeconds(new Date(t.dateOnly ? t.ms + 86_400_000 : Math.floor(t.ms / 1000) * 1000 + 1000));
  }
  if (filter.issuedFrom && filter.issuedBefore && filter.issuedFrom >= filter.issuedBefore)
    throw bad("issuedTo", "must not be before issuedFrom");

  const limitText = one("limit");
  const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
  if (!/^\d+$/.test(limitText ?? "1") || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw bad("limit", `must be an integer from 1 to ${MAX_LIMIT}`);
  const cursor = one("cursor");
  const count = one("count");
  if (count !== undefined && count !== "true" && count !== "false") throw bad("count", "must be true or false");
  return { filter, limit, after: cursor === undefined ? undefined : decodeCursor(cursor), count: count === "true" };
}
