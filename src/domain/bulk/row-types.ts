/** Shapes of bulk-issuance rows (CSV, XLSX or JSON): fields, row errors, options of the checks. */
import type { CsvErrorCode, CsvFileError } from "./csv-reader";

/** Columns of a bulk-issuance row, as spelled in JSON; file headers are matched to them (column-mapping.ts). */
export type CertificateField = "name" | "email" | "achievementId" | "externalId" | "validUntil" | "language";

/** The fields every row needs (from a column, a default or, for externalId, derived). */
export const REQUIRED: readonly CertificateField[] = ["name", "email", "achievementId", "externalId"];
/** Every field, in the order reports list them. */
export const FIELDS: readonly CertificateField[] = [...REQUIRED, "validUntil", "language"];

/** Why a whole bulk request (CSV or JSON) was rejected, so that nothing is written. */
export type BulkFileErrorCode =
  | CsvErrorCode
  | "ERR_CSV_MISSING_COLUMN"
  | "ERR_CSV_UNKNOWN_COLUMN"
  | "ERR_CSV_DUPLICATE_COLUMN"
  | "ERR_CSV_NO_ROWS"
  | "ERR_ROWS_INVALID"
  | "ERR_ROWS_EMPTY"
  | "ERR_ROWS_TOO_MANY"
  | "ERR_XLSX_UNREADABLE";

/** A whole-request error; `columns` names the offending columns or properties when there are some. */
export interface BulkFileError extends CsvFileError<BulkFileErrorCode> {
  columns?: string[];
}

/** A row that passed every check; values are trimmed (name also NFC-normalised). */
export interface CertificateRow {
  /** CSV: physical line where the record starts. JSON: 1-based index in `rows`. */
  line: number;
  externalId: string;
  name: string;
  email: string;
  achievementId: string;
  /** Normalised to UTC, e.g. `2027-06-30T23:59:59Z`. */
  validUntil?: string;
  /** The participant's language for messages (`en` or `ko`; absent means `en`). */
  language?: "en" | "ko";
}

/** One problem with one row; `field` is null when the row as a whole is wrong (e.g. field count). */
export interface RowError {
  line: number;
  field: string | null;
  message: string;
}

/** Valid rows and row errors, each in input order. A row is valid only when it has no error. */
export interface MappedRows {
  valid: CertificateRow[];
  errors: RowError[];
}

/** A field problem found by the request schema (`schemas/certificate-row.json`). */
export interface RowFieldError {
  field: string;
  message: string;
}

/** Context for the per-row checks. */
export interface MapRowsOptions {
  /**
   * Validates one row object against `schemas/certificate-row.json`, the same field definitions
   * single issuance uses (passed in so the domain stays free of the validator).
   */
  validateRow: (row: Record<string, string>) => RowFieldError[];
  /** The clock reading `validUntil` must be after. */
  now: Date;
  /** When given, an `achievementId` outside this set is a row error. */
  knownAchievementIds?: ReadonlySet<string>;
  /**
   * Header → field, or null to leave a column out, for files whose headers are not ours
   * (`{"Full name": "name", "Phone": null}`). Takes precedence over the automatic synonyms.
   */
  columnMapping?: Readonly<Record<string, CertificateField | null>>;
  /** Values for fields without a column, e.g. one achievementId for a whole sheet. */
  defaults?: Readonly<Partial<Record<"achievementId" | "validUntil", string>>>;
  /**
   * Makes the externalId of rows in a file without that column. It must be deterministic (from
   * achievement and email), so that uploading the same file again issues nothing twice.
   */
  deriveExternalId?: (row: { achievementId: string; email: string }) => string;
  /** Maps an achievement cell (an id, or an achievement's name as staff write it) to an id. */
  resolveAchievement?: (cell: string) => string;
}
