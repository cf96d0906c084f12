/** Admin API: issuing certificates and managing the catalogue. */
import { Hono } from "hono";
import { insertAchievement } from "../adapters/storage/achievement-repository";
import type { AchievementRecord, CertificateRequest } from "../domain/types";
import { AppError } from "../errors";
import type { AppDeps } from "../services/context";
import { issueCertificate } from "../services/issue-certificate";
import { requireAdmin } from "./admin-auth";
import { readJson } from "./http";

export function adminRoutes(deps: AppDeps) {
  const app = new Hono();
  app.use(requireAdmin(deps));

  app.post("/certificates", async (c) => {
    const key = c.req.header("idempotency-key");
    if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key))
      throw new AppError("ERR_VALIDATION", "Idempotency-Key: must be 1 to 255 visible ASCII characters", {
        field: "Idempotency-Key",
      });
    const body = await readJson<CertificateRequest>(c, "issue-certificate-request");
    const issued = await issueCertificate(deps, body, key);
    c.header("Location", issued.url);
    if (issued.replayed) c.header("Idempotent-Replayed", "true");
    const { replayed: _r, ...out } = issued;
    return c.json(out, 201);
  });

  app.post("/achievements", async (c) => {
    const body = await readJson<AchievementRecord>(c, "create-achievement-request");
    const record: AchievementRecord = {
      ...body,
      city: body.city ?? null,
      date: body.date ?? null,
      venue: body.venue ?? null,
    };
    if (record.kind === "workshop" && (!record.city || !record.date))
      throw new AppError("ERR_VALIDATION", "city and date: required for a workshop", {
        field: record.city ? "date" : "city",
      });
    if (!(await insertAchievement(deps.store, record, deps.clock())))
      throw new AppError("ERR_CONFLICT", `id: achievement "${record.id}" already exists`, { field: "id" });
    return c.json(record, 201);
  });
  return app;
}
