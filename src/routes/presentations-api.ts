/** W3C VC-API Verify Presentation (public). */
import { Hono } from "hono";
import type { AppEnv } from "./env";
import type { AppDeps } from "../services/context";
import { verifyPresentation } from "../services/verify-presentation";
import { jsonBody } from "./http";

export function presentationsApiRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  // VC-API: 200 verified, 400 not verified, 503 when a check could not run (e.g. a status list).
  app.post("/presentations/verify", jsonBody("vc-api-verify-presentation-request"), async (c) => {
    const body = c.req.valid("json");
    const result = await verifyPresentation(deps, body.verifiablePresentation, body.options ?? {});
    const failed = result.errors.some((e) => e.status === "failed");
    if (!result.verified && !failed) c.header("Retry-After", "5");
    return c.json(result, result.verified ? 200 : failed ? 400 : 503);
  });
  return app;
}
