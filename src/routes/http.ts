/** Request helpers shared by the routes: JSON bodies, bearer auth, ids. */
import type { Context } from "hono";
import { validate, type SchemaName } from "../adapters/validation/schemas";
import { AppError } from "../errors";

export { timingSafeEqual } from "../lib/timing-safe";

/** Largest request body accepted outside batch uploads (a VC-JWT, credential or PDF is a few KiB). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Reads and validates a JSON body: 415 for another media type, 400 naming the fields. */
export async function readJson<T>(c: Context, schema: SchemaName): Promise<T> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\s*(;|$)/i.test(type))
    throw new AppError("ERR_UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json", { field: "Content-Type" });
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("ERR_MALFORMED_JSON", "The request body is not valid JSON");
  }
  const errors = validate(schema, value);
  if (errors.length)
    throw new AppError("ERR_VALIDATION", errors.map((e) => `${e.field}: ${e.message}`).join("; "), {
      field: errors[0]!.field,
      errors,
    });
  return value as T;
}

/** The bearer token of a request, or null. */
export function bearerToken(c: Context): string | null {
  const m = /^Bearer\s+([\x21-\x7e]{1,512})$/.exec(c.req.header("authorization") ?? "");
  return m ? m[1]! : null;
}

/** Certificate ids are 128 random bits, base64url: 22 characters. */
export const CERTIFICATE_ID = /^[A-Za-z0-9_-]{22}$/;
