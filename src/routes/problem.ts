/** RFC 9457 problem responses. */
import type { Context } from "hono";
import { AppError, problemBody } from "../errors";

/** Answers with an RFC 9457 problem document. */
export function problemResponse(c: Context, appErr: AppError): Response {
  const res = c.json(
    problemBody(appErr, c.get("requestId") ? `urn:request:${c.get("requestId")}` : undefined),
    appErr.status as 400,
  );
  res.headers.set("Content-Type", "application/problem+json");
  for (const [k, v] of Object.entries(appErr.headers ?? {})) res.headers.set(k, v);
  return res;
}

/**
 * The AppError a handler's failure answers with: itself, or a generic ERR_INTERNAL (with
 * `internalMessage`) for anything unexpected. Server errors are logged as one JSON line with the
 * request id and the error's message only: never bodies, tokens or keys.
 */
export function appErrorOf(c: Context, err: unknown, internalMessage: string): AppError {
  const appErr = err instanceof AppError ? err : new AppError("ERR_INTERNAL", internalMessage, { cause: err });
  if (appErr.status >= 500)
    console.error(
      JSON.stringify({
        level: "error",
        requestId: c.get("requestId"),
        code: appErr.code,
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      }),
    );
  return appErr;
}
