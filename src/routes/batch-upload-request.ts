/**
 * Reading a cohort upload from a request: the file as the body (text/csv, .xlsx, JSON rows) with
 * options in the query, or an HTML form (multipart/form-data) with the file and the same options
 * as fields: `mapping` (JSON: header → field or null), `achievementId`, `validUntil`.
 */
import type { Context } from "hono";
import { AppError } from "../errors";
import type { Upload, UploadOptions } from "../services/batch-upload";

/** The media type of an .xlsx workbook (ECMA-376). */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const FIELDS = ["name", "email", "achievementId", "externalId", "validUntil"];

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

const unsupported = () =>
  new AppError("ERR_UNSUPPORTED_MEDIA_TYPE", `Upload text/csv, ${XLSX_TYPE} (.xlsx) or application/json`, {
    field: "Content-Type",
  });

/** The upload and its options from a request; 415 for another file type. */
export async function readUpload(c: Context): Promise<{ upload: Upload; options: UploadOptions }> {
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
    return { upload: await toUpload(kind, new Uint8Array(await file.arrayBuffer())), options: options(text) };
  }
  const kind = kindOf(type);
  if (!kind) throw unsupported();
  return {
    upload: await toUpload(kind, new Uint8Array(await c.req.arrayBuffer())),
    options: options((name) => c.req.query(name)),
  };
}
