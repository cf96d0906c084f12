/** Catalogue editing for staff: the catalogue with usage, guarded edits, programme years. */
import { Hono } from "hono";
import type { ProgrammeRequest } from "../domain/programme";
import type { AchievementRecord } from "../domain/types";
import { catalogueWithUsage, createProgramme, updateAchievement } from "../services/catalogue-edit";
import type { AppDeps } from "../services/context";
import { requireScope, who } from "./admin-auth";
import type { AppEnv } from "./env";
import { readJson } from "./http";

export function catalogueRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get("/achievements", requireScope(deps, "read"), async (c) =>
    c.json({ achievements: await catalogueWithUsage(deps) }),
  );

  app.put("/achievements/:id", requireScope(deps, "admin"), async (c) => {
    const body = await readJson<AchievementRecord>(c, "create-achievement-request");
    return c.json(await updateAchievement(deps, c.req.param("id"), body, who(c)));
  });

  app.post("/programmes", requireScope(deps, "admin"), async (c) => {
    const body = await readJson<ProgrammeRequest>(c, "create-programme-request");
    return c.json({ achievements: await createProgramme(deps, body, who(c)) }, 201);
  });
  return app;
}
