/** Bearer-token authentication for admin routes. */
import type { MiddlewareHandler } from "hono";
import { AppError } from "../errors";
import type { AppDeps } from "../services/context";
import { bearerToken, timingSafeEqual } from "./http";

/** Requires the bootstrap admin token; 401 when missing or unknown. */
export function requireAdmin(deps: AppDeps): MiddlewareHandler {
  return async (c, next) => {
    const token = bearerToken(c);
    if (!token)
      throw new AppError("ERR_UNAUTHORIZED", "Missing bearer token", {
        field: "Authorization",
        headers: { "WWW-Authenticate": 'Bearer realm="wego-admin"' },
      });
    if (!deps.adminToken || !(await timingSafeEqual(token, deps.adminToken)))
      throw new AppError("ERR_UNAUTHORIZED", "Unknown or revoked token", {
        field: "Authorization",
        headers: { "WWW-Authenticate": 'Bearer realm="wego-admin", error="invalid_token"' },
      });
    await next();
  };
}
