/**
 * Reading a cohort upload from a request: the file as the body (text/csv, .xlsx, JSON rows) with
 * options in the query, or an HTML form (multipart/form-data) with the file and the same options
 * as fields: `mapping` (JSON: header → field or null), `achievementId`, `validUntil`, and `notify`
 * (`true` emails each certificate to its participant; a JSON body may also carry `"notify": true`
 * beside `rows`).
 */
import type { Context } from "hono";
import { AppError } from "../errors";
import type { Upload, UploadOptions } from "../services/batch-upload";

/** The media type of an .xlsx workbook (ECMA-376). */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const FIELDS = ["name", "email", "achievementId", "externalId", "validUntil", "language"];

function parseMapping(text: string | undefined): UploadOptions["columnMapping"] {
  if (text === undefined || text === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("ERR_VALIDATION", 'mapping: must be a JSON object such as {"Full name":"name"}', {
      field: "mapping",
    });
  }
  if (!value || typeof value !== "object" || Array.isArray(value) || Object.keys(value).length > 100)
    throw new AppError("ERR_VALIDATION", "mapping: must be an object of at most 100 headers", { field: "mapping" });
  for (const [header, field] of Object.entries(value))
    if (header.length > 200 || (field !== null && !FIELDS.includes(field as string)))
      throw new AppError(
        "ERR_VALIDATION",
        `mapping: "${header.slice(0, 50)}" must map to one of ${FIELDS.join(", ")} or null`,
        {
          field: "mapping",
        },
      );
  return value as UploadOptions["columnMapping"];
}

function options(get: (name: string) => string | undefined): UploadOptions {
  const out: UploadOptions = { columnMapping: parseMapping(get("mapping")) };
  for (const name of ["achievementId", "validUntil"] as const) {
    const v = get(name)?.trim();
    if (v && v.length > 64) throw new AppError("ERR_VALIDATION", `${name}: too long`, { field: name });
    if (v) out[name] = v;
  }
  return out;
}

function kindOf(type: string, fileName = ""): Upload["kind"] | undefined {
  if (type.startsWith("text/csv") || /\.csv$/i.test(fileName)) return "csv";
  if (type.startsWith(XLSX_TYPE) || /\.xlsx$/i.test(fileName)) return "xlsx";
  if (type.startsWith("application/json") || /\.json$/i.test(fileName)) return "json";
  return undefined;
}

async function toUpload(kind: Upload["kind"], bytes: Uint8Array): Promise<Upload> {
  if (kind !== "json") return { kind, bytes };
  try {
    return { kind, value: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch {
    throw new AppError("ERR_MALFORMED_JSON", "The request body is not valid JSON");
  }
}

function notifyOption(text: string | undefined, upload: Upload): boolean {
  let notify = false;
  if (text !== undefined) {
    if (!/^(true|false|1|0|on)$/.test(text))
      throw new AppError("ERR_VALIDATION", "notify: must be true or false", { field: "notify" });
    notify = text === "true" || text === "1" || text === "on";
  }
  if (upload.kind === "json" && upload.value && typeof upload.value === "object" && "notify" in upload.value) {
    // Taken out before the rows are read (the rows reader accepts only `rows`).
    const { notify: value, ...rest } = upload.value as Record<string, unknown>;
    if (typeof value !== "boolean")
      throw new AppError("ERR_VALIDATION", "notify: must be true or false", { field: "notify" });
    upload.value = rest;
    notify ||= value;
  }
  return notify;
}

const unsupported = () =>
  new AppError("ERR_UNSUPPORTED_MEDIA_TYPE", `Upload text/csv, ${XLSX_TYPE} (.xlsx) or application/json`, {
    field: "Content-Type",
  });

/** The upload, its options and the `notify` option from a request; 415 for another file type. */
export async function readUpload(c: Context): Promise<{ upload: Upload; options: UploadOptions; notify: boolean }> {
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    const form = await c.req.parseBody();
    const file = form["file"];
    if (!(file instanceof File))
      throw new AppError("ERR_VALIDATION", 'file: attach the CSV or .xlsx file as the form field "file"', {
        field: "file",
      });
    const kind = kindOf(file.type.toLowerCase(), file.name);
    if (!kind) throw unsupported();
    const text = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : undefined);
    const upload = await toUpload(kind, new Uint8Array(await file.arrayBuffer()));
    return { upload, options: options(text), notify: notifyOption(text("notify"), upload) };
  }
  const kind = kindOf(type);
  if (!kind) throw unsupported();
  const upload = await toUpload(kind, new Uint8Array(await c.req.arrayBuffer()));
  return { upload, options: options((name) => c.req.query(name)), notify: notifyOption(c.req.query("notify"), upload) };
}
