/**
 * The backup file: `WEGOBK1\n`, then frames of [4-byte big-endian length][12-byte IV][AES-256-GCM
 * ciphertext of gzip(NDJSON records)]. Each frame's additional data is its index, so frames cannot
 * be reordered or dropped unnoticed, and the last record is `{"end":…}` with the row counts, so a
 * truncated file is refused. Works in workerd and Node (WebCrypto, CompressionStream).
 */
import { type Failure, type Result, fail, ok } from "../lib/result";

export const BACKUP_MAGIC = "WEGOBK1\n";

/** One schema object (sqlite_master row) to recreate. */
export interface SchemaEntry {
  type: "table" | "index" | "trigger";
  name: string;
  sql: string;
}

/** The records of a backup, in order: one header, table chunks, one end. */
export type BackupRecord =
  | { format: "wego-d1-backup"; version: 1; createdAt: string; issuerDid: string; schema: SchemaEntry[] }
  | { table: string; columns: string[]; rows: unknown[][] }
  | { end: true; counts: Record<string, number> };

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Imports a backup key: base64 of 32 bytes (the BACKUP_KEY secret). */
export async function importBackupKey(base64: string): Promise<CryptoKey> {
  const raw = Uint8Array.from(atob(base64.trim()), (c) => c.charCodeAt(0));
  if (raw.length !== 32) throw new Error("BACKUP_KEY must be base64 of 32 random bytes (openssl rand -base64 32)");
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

async function pipe(data: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** Encrypts records into one frame (index = its position in the file). */
export async function encodeFrame(key: CryptoKey, index: number, records: BackupRecord[]): Promise<Uint8Array> {
  const plain = await pipe(
    enc.encode(records.map((r) => JSON.stringify(r) + "\n").join("")),
    new CompressionStream("gzip"),
  );
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: enc.encode(`frame:${index}`) }, key, plain),
  );
  const frame = new Uint8Array(4 + 12 + sealed.length);
  new DataView(frame.buffer).setUint32(0, 12 + sealed.length);
  frame.set(iv, 4);
  frame.set(sealed, 16);
  return frame;
}

/** Why a backup file is refused (never thrown). */
export type BackupFileProblem = Failure<
  "ERR_BACKUP_NOT_BACKUP" | "ERR_BACKUP_TRUNCATED" | "ERR_BACKUP_UNDECRYPTABLE" | "ERR_BACKUP_INCONSISTENT"
>;

const problem = (code: BackupFileProblem["code"], message: string) => fail<BackupFileProblem>({ code, message });

/** Decrypts a whole backup file into its records, or says why not: a wrong key, tampering or truncation. */
export async function decodeBackup(
  key: CryptoKey,
  file: Uint8Array,
): Promise<Result<BackupRecord[], BackupFileProblem>> {
  if (dec.decode(file.subarray(0, BACKUP_MAGIC.length)) !== BACKUP_MAGIC)
    return problem("ERR_BACKUP_NOT_BACKUP", "not a WeGO backup file");
  const records: BackupRecord[] = [];
  let at = BACKUP_MAGIC.length;
  for (let index = 0; at < file.length; index++) {
    if (at + 4 > file.length) return problem("ERR_BACKUP_TRUNCATED", "the backup is truncated");
    const length = new DataView(file.buffer, file.byteOffset + at, 4).getUint32(0);
    const frame = file.subarray(at + 4, at + 4 + length);
    if (frame.length !== length || length < 12) return problem("ERR_BACKUP_TRUNCATED", "the backup is truncated");
    let plain: Uint8Array;
    try {
      plain = new Uint8Array(
        await crypto.subtle.decrypt(
          { name: "AES-GCM", iv: frame.subarray(0, 12), additionalData: enc.encode(`frame:${index}`) },
          key,
          frame.subarray(12),
        ),
      );
    } catch {
      return problem(
        "ERR_BACKUP_UNDECRYPTABLE",
        `frame ${index} does not decrypt: wrong BACKUP_KEY, or the file was altered`,
      );
    }
    // The frame is authenticated: only a writer bug could leave a line that is not JSON.
    for (const line of dec.decode(await pipe(plain, new DecompressionStream("gzip"))).split("\n"))
      if (line) records.push(JSON.parse(line) as BackupRecord);
    at += 4 + length;
  }
  const first = records[0];
  const last = records[records.length - 1];
  if (!first || !("format" in first)) return problem("ERR_BACKUP_INCONSISTENT", "the backup has no header");
  if (!last || !("end" in last)) return problem("ERR_BACKUP_TRUNCATED", "the backup is truncated (no end record)");
  const counted: Record<string, number> = {};
  for (const r of records) if ("table" in r) counted[r.table] = (counted[r.table] ?? 0) + r.rows.length;
  for (const [table, n] of Object.entries(last.counts))
    if ((counted[table] ?? 0) !== n)
      return problem(
        "ERR_BACKUP_INCONSISTENT",
        `table ${table}: ${counted[table] ?? 0} rows, the end record says ${n}`,
      );
  return ok(records);
}

/** SQL literal for a stored value (D1 values are text, numbers or null here). */
function literal(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "NULL";
  if (typeof v === "string") return `'${v.replace(/'/g, "''")}'`;
  throw new Error(`unexpected value of type ${typeof v} in a backup`);
}

/**
 * The statements that recreate a backup in an empty database: tables, rows, then indexes and
 * triggers (the signing-fence triggers last, so restored rows are not fenced).
 */
export function restoreStatements(records: BackupRecord[]): { sql: string; params: unknown[] }[] {
  const header = records[0] as Extract<BackupRecord, { format: string }>;
  const out: { sql: string; params: unknown[] }[] = [{ sql: "PRAGMA defer_foreign_keys = true", params: [] }];
  for (const s of header.schema.filter((s) => s.type === "table")) out.push({ sql: s.sql, params: [] });
  for (const r of records) {
    if (!("table" in r)) continue;
    const cols = r.columns.map((c) => `"${c}"`).join(", ");
    for (const row of r.rows)
      out.push({ sql: `INSERT INTO "${r.table}" (${cols}) VALUES (${row.map(() => "?").join(", ")})`, params: row });
  }
  for (const s of header.schema.filter((s) => s.type !== "table")) out.push({ sql: s.sql, params: [] });
  return out;
}

/** The same statements as one SQL script (for `wrangler d1 execute --file`). */
export function restoreScript(records: BackupRecord[]): string {
  return restoreStatements(records)
    .map((s) => {
      let i = 0;
      return (s.params.length ? s.sql.replace(/\?/g, () => literal(s.params[i++])) : s.sql) + ";\n";
    })
    .join("");
}
