/** The per-row checks of bulk issuance, the same for CSV, XLSX and JSON rows. */
import { parseValidUntil } from "./valid-until";
import {
  FIELDS,
  REQUIRED,
  type CertificateField,
  type CertificateRow,
  type MapRowsOptions,
  type MappedRows,
  type RowError,
} from "./row-types";

/**
 * Per-row checks shared by every upload format: the schema's field checks, then what a schema cannot say
 * (catalogue membership, duplicates in the request, validUntil after now). Remembers externalIds.
 */
export class BatchRowCollector {
  private readonly valid: CertificateRow[] = [];
  private readonly errors: RowError[] = [];
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly opts: MapRowsOptions,
    private readonly unit: "line" | "row",
  ) {}

  rowError(line: number, field: string | null, message: string): void {
    this.errors.push({ line, field, message });
  }

  check(line: number, raw: Partial<Record<CertificateField, string>>, shapeErrors: RowError[]): void {
    const errors = [...shapeErrors];
    // Values are trimmed (spreadsheet cells often carry spaces); the name is NFC-normalised.
    const value: Record<string, string> = {};
    for (const f of FIELDS) {
      const v = (raw[f] ?? "").trim();
      if (v !== "" && !shapeErrors.some((e) => e.field === f))
        value[f] = f === "name" ? v.normalize("NFC") : f === "language" ? v.toLowerCase() : v;
    }
    const { defaults, resolveAchievement, deriveExternalId } = this.opts;
    for (const f of ["achievementId", "validUntil"] as const)
      if (raw[f] === undefined && defaults?.[f] !== undefined) value[f] = defaults[f]!;
    if (value.achievementId !== undefined && resolveAchievement)
      value.achievementId = resolveAchievement(value.achievementId);
    // A file without an externalId column: one derived from achievement and email, so the same
    // person is the same row in every upload (and issued once).
    if (raw.externalId === undefined && deriveExternalId && value.email && value.achievementId)
      value.externalId = deriveExternalId({ achievementId: value.achievementId, email: value.email });
    for (const f of REQUIRED)
      if (value[f] === undefined && !shapeErrors.some((e) => e.field === f))
        errors.push({ line, field: f, message: `${f} is required.` });
    const failed = (f: string) => errors.some((e) => e.field === f);
    // One message per field: the first the schema reports.
    for (const e of this.opts.validateRow(value))
      if (e.message !== "is required" && !failed(e.field))
        errors.push({ line, field: e.field, message: `${e.field} ${e.message}.` });

    const { name, email, achievementId, externalId } = value as Record<CertificateField, string>;
    if (!failed("achievementId") && this.opts.knownAchievementIds && !this.opts.knownAchievementIds.has(achievementId))
      errors.push({ line, field: "achievementId", message: `Unknown achievement "${achievementId}".` });
    if (!failed("externalId")) {
      const earlier = this.seen.get(externalId);
      if (earlier !== undefined)
        errors.push({
          line,
          field: "externalId",
          message: `externalId "${externalId}" is already used on ${this.unit} ${earlier}.`,
        });
      else this.seen.set(externalId, line);
    }
    let validUntil: string | undefined;
    if (value.validUntil !== undefined && !failed("validUntil")) {
      const parsed = parseValidUntil(value.validUntil);
      if (parsed === null)
        errors.push({ line, field: "validUntil", message: "validUntil is not a real date or time." });
      else if (Date.parse(parsed) <= this.opts.now.getTime())
        errors.push({ line, field: "validUntil", message: "validUntil must be in the future." });
      else validUntil = parsed;
    }

    if (errors.length > 0) {
      this.errors.push(...errors);
      return;
    }
    const row: CertificateRow = { line, externalId, name, email, achievementId };
    if (validUntil) row.validUntil = validUntil;
    if (value.language) row.language = value.language as "en" | "ko";
    this.valid.push(row);
  }

  result(): MappedRows {
    return { valid: this.valid, errors: this.errors };
  }
}
