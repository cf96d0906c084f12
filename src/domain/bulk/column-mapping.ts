/**
 * Matching a file's header cells to certificate fields: our own names (any case), common synonyms
 * in English and Korean (`Full name`, `E-mail`, `Workshop`, `이름`), and an explicit mapping that
 * wins over both. Strict: a column that matches nothing rejects the file unless the mapping says
 * to leave it out, so no data is silently dropped.
 */
import { fail, ok, type Result } from "../../lib/result";
import { searchKey } from "../../lib/search-key";
import { FIELDS, REQUIRED, type BulkFileError, type CertificateField, type MapRowsOptions } from "./row-types";

/** Header spellings per field, compared after {@link headerKey}. */
const SYNONYMS: Record<CertificateField, readonly string[]> = {
  name: ["name", "fullname", "participant", "participantname", "recipient", "recipientname", "이름", "성명", "참가자"],
  email: ["email", "emailaddress", "mail", "mailaddress", "이메일", "전자우편", "메일"],
  achievementId: [
    "achievementid",
    "achievement",
    "workshop",
    "programme",
    "program",
    "course",
    "워크숍",
    "워크샵",
    "프로그램",
    "과정",
  ],
  externalId: ["externalid", "participantid", "reference", "ref", "studentid", "registrationid", "참가자번호"],
  validUntil: ["validuntil", "expires", "expiry", "expirydate", "expirationdate", "만료일"],
  language: ["language", "lang", "locale", "언어"],
};

/** A header cell without case, accents, spaces or punctuation: `E-mail` → `email`. */
export function headerKey(cell: string): string {
  return searchKey(cell)
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}]/gu, "");
}

const BY_KEY = new Map<string, CertificateField>(FIELDS.flatMap((f) => SYNONYMS[f].map((s) => [s, f] as const)));

/** How one column was understood. */
export interface ColumnMatch {
  /** 1-based column number. */
  column: number;
  header: string;
  /** The field it fills, or null when it is left out. */
  field: CertificateField | null;
  by: "name" | "synonym" | "mapping" | "unknown";
}

/** What a header means: per-column matches, and required fields that nothing provides. */
export interface HeaderReport {
  columns: ColumnMatch[];
  /** Required fields with no column, default or derivation. */
  missing: CertificateField[];
  /** Fields filled without a column: a default value, or a derived externalId. */
  provided: { field: CertificateField; by: "default" | "derived" }[];
  /** Fields named by more than one column. */
  duplicate: CertificateField[];
}

type MappingOptions = Pick<MapRowsOptions, "columnMapping" | "defaults" | "deriveExternalId">;

/** Explains a header; never fails (the console shows this as its column-mapping step). */
export function describeHeader(header: readonly string[], opts: MappingOptions = {}): HeaderReport {
  const explicit = new Map(Object.entries(opts.columnMapping ?? {}).map(([h, f]) => [h.trim(), f] as const));
  const seen = new Set<CertificateField>();
  const duplicate: CertificateField[] = [];
  const columns = header.map((cell, i): ColumnMatch => {
    const h = cell.trim();
    let field: CertificateField | null = null;
    let by: ColumnMatch["by"] = "unknown";
    if (explicit.has(h)) [field, by] = [explicit.get(h) ?? null, "mapping"];
    else if (FIELDS.some((f) => f.toLowerCase() === h.toLowerCase()))
      [field, by] = [FIELDS.find((f) => f.toLowerCase() === h.toLowerCase())!, "name"];
    else if (BY_KEY.has(headerKey(h))) [field, by] = [BY_KEY.get(headerKey(h))!, "synonym"];
    if (field && seen.has(field)) duplicate.push(field);
    if (field) seen.add(field);
    return { column: i + 1, header: h, field, by };
  });
  const provided: HeaderReport["provided"] = [];
  for (const f of ["achievementId", "validUntil"] as const)
    if (!seen.has(f) && opts.defaults?.[f]) provided.push({ field: f, by: "default" });
  if (!seen.has("externalId") && opts.deriveExternalId) provided.push({ field: "externalId", by: "derived" });
  const missing = REQUIRED.filter((f) => !seen.has(f) && !provided.some((p) => p.field === f));
  return { columns, missing, provided, duplicate: [...new Set(duplicate)] };
}

const plural = (list: readonly unknown[]) => (list.length === 1 ? "" : "s");

/** The field of each column (null: left out), or the whole-file error a header deserves. */
export function mapHeader(
  header: readonly string[],
  headerLine: number,
  opts: MappingOptions = {},
): Result<(CertificateField | null)[], BulkFileError> {
  const report = describeHeader(header, opts);
  const line = headerLine;
  const unknown = report.columns
    .filter((c) => c.by === "unknown")
    .map((c) => (c.header === "" ? `(unnamed column ${c.column})` : c.header));
  if (report.missing.length > 0) {
    const also = unknown.length > 0 ? ` Unknown columns: ${unknown.join(", ")}.` : "";
    const message = `Missing required column${plural(report.missing)}: ${report.missing.join(", ")}.${also}`;
    return fail({ code: "ERR_CSV_MISSING_COLUMN", message, line, columns: report.missing });
  }
  if (unknown.length > 0) {
    const message =
      `Unknown column${plural(unknown)}: ${unknown.join(", ")}. Allowed: ${FIELDS.join(", ")} ` +
      "(or map each column to a field, or to null to leave it out).";
    return fail({ code: "ERR_CSV_UNKNOWN_COLUMN", message, line, columns: unknown });
  }
  if (report.duplicate.length > 0) {
    const message = `Column${plural(report.duplicate)} appearing more than once: ${report.duplicate.join(", ")}.`;
    return fail({ code: "ERR_CSV_DUPLICATE_COLUMN", message, line, columns: report.duplicate });
  }
  return ok(report.columns.map((c) => c.field));
}
