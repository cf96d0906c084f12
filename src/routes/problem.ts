/** RFC 9457 problem responses. */
import type { Context } from "hono";
import { problemBody, type AppError } from "../errors";

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
