/** Request helpers shared by the routes: JSON bodies, bearer auth, ids. */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { timingSafeEqual as honoTimingSafeEqual } from "hono/utils/buffer";
import { validate } from "../adapters/validation/schemas";
import type { SchemaTypes } from "../lib/request-types.generated";
import { AppError } from "../errors";

/** Largest request body accepted outside batch uploads (a VC-JWT, credential or PDF is a few KiB). */
export const MAX_BODY_BYTES = 256 * 1024;

/** A request schema in `schemas/`, by file name. */
export type RequestSchema = keyof SchemaTypes;

/**
 * Reads and validates a JSON body against a request schema: 415 for another media type, 400
 * naming the fields. The result has the type generated from that schema
 * (`src/lib/request-types.generated.ts`), so the type and the check cannot drift apart.
 */
export async function readJson<N extends RequestSchema>(c: Context, schema: N): Promise<SchemaTypes[N]> {
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
  return value as SchemaTypes[N];
}

/**
 * Validator middleware: the handler reads the checked body with `c.req.valid("json")`, typed from
 * the schema. Errors as {@link readJson}.
 */
export function jsonBody<N extends RequestSchema>(
  schema: N,
): MiddlewareHandler<any, string, { in: { json: SchemaTypes[N] }; out: { json: SchemaTypes[N] } }> {
  return async (c, next) => {
    c.req.addValidatedData("json", (await readJson(c, schema)) as object);
    await next();
  };
}

/**
 * Constant-time equality of two strings: Hono's helper, which compares their SHA-256 digests so
 * neither the length nor the first differing byte shows in the timing.
 */
export const timingSafeEqual = (a: string, b: string): Promise<boolean> => honoTimingSafeEqual(a, b);

/** The bearer token of a request, or null. */
export function bearerToken(c: Context): string | null {
  const m = /^Bearer\s+([\x21-\x7e]{1,512})$/.exec(c.req.header("authorization") ?? "");
  return m ? m[1]! : null;
}

/** Certificate ids are 128 random bits, base64url: 22 characters. */
export const CERTIFICATE_ID = /^[A-Za-z0-9_-]{22}$/;

/** How much of a refused body is read and discarded before the answer (see drainRefusedBody). */
const DRAIN_CAP_BYTES = 4 * 1024 * 1024;

/**
 * Reads and discards what is left of a request body the service refuses unread (413), before
 * answering: workerd loses the connection, and the sender's upload rejects with "Network connection
 * lost", when a response leaves more than 64 KiB of the request body unconsumed
 * (cloudflare/workerd#1741; `wrangler dev` drains for the same reason, workers-sdk#5106), and a
 * body can no longer be read once the response is sent. Bounded: a body declared larger than
 * DRAIN_CAP_BYTES is not read, and reading stops there. A body already locked by a reader (Hono's
 * body limit on a streamed upload) is left to its reader.
 */
async function drainRefusedBody(c: Context): Promise<void> {
  const body = c.req.raw.body;
  if (!body || body.locked) return;
  if (Number(c.req.header("content-length") ?? 0) > DRAIN_CAP_BYTES) return;
  const reader = body.getReader();
  reader.closed.catch(() => undefined);
  try {
    let read = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
      if (read > DRAIN_CAP_BYTES) return void (await reader.cancel());
    }
  } catch {
    return; // the sender went away: nothing left to drain
  }
}

/**
 * Hono's body limit, whose refusals first drain the refused body (drainRefusedBody), then answer
 * with `onError` (a response, or a thrown AppError for the app's error handler).
 */
export function refusingBodyLimit(maxSize: number, onError: (c: Context) => Response | Promise<Response>) {
  return bodyLimit({
    maxSize,
    onError: async (c) => {
      await drainRefusedBody(c);
      return onError(c);
    },
  });
}
