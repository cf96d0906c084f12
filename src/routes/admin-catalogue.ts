/** Catalogue editing for staff: the catalogue with usage, guarded edits, programme years. */
import { Hono } from "hono";
import { catalogueWithUsage, createProgramme, updateAchievement } from "../services/catalogue-edit";
import type { AppDeps } from "../services/context";
import { requireScope, who } from "./admin-auth";
import type { AppEnv } from "./env";
import { jsonBody } from "./http";

export function catalogueRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get("/achievements", requireScope(deps, "read"), async (c) =>
    c.json({ achievements: await catalogueWithUsage(deps) }),
  );

  app.put("/achievements/:id", requireScope(deps, "admin"), jsonBody("create-achievement-request"), async (c) =>
    c.json(await updateAchievement(deps, c.req.param("id"), c.req.valid("json"), who(c))),
  );

  app.post("/programmes", requireScope(deps, "admin"), jsonBody("create-programme-request"), async (c) =>
    c.json({ achievements: await createProgramme(deps, c.req.valid("json"), who(c)) }, 201),
  );
  return app;
}
