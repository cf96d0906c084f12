/**
 * Admin API for learning platforms: completion sources (create, list, update, rotate keys) and the
 * completion events with their outcomes. Writes need the `admin` scope, reads `read`.
 */
import { Hono } from "hono";
import { listEvents } from "../adapters/storage/completion-repository";
import { AppError } from "../errors";
import type { AppDeps } from "../services/context";
import {
  createSource,
  rotateSourceKey,
  sourceForStaff,
  sourcesForStaff,
  updateSource,
} from "../services/completion-sources";
import { requireScope, who } from "./admin-auth";
import type { AppEnv } from "./env";
import { readJson } from "./http";

function intParam(text: string | undefined, field: string, dflt: number, max: number): number {
  const v = Number(text ?? dflt);
  if (!Number.isInteger(v) || v < 1 || v > max)
    throw new AppError("ERR_VALIDATION", `${field}: must be an integer from 1 to ${max}`, { field });
  return v;
}

/** Mounted under /admin. */
export function sourceRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const admin = requireScope(deps, "admin");
  const read = requireScope(deps, "read");

  app.post("/sources", admin, async (c) => {
    const body = await readJson(c, "create-source-request");
    const created = await createSource(deps, body, who(c));
    c.header("Location", `/admin/sources/${body.id}`);
    return c.json(created, 201);
  });

  app.get("/sources", read, async (c) => c.json({ sources: await sourcesForStaff(deps) }));

  app.get("/sources/:id", read, async (c) => c.json(await sourceForStaff(deps, c.req.param("id"))));

  app.patch("/sources/:id", admin, async (c) => {
    const body = await readJson(c, "update-source-request");
    return c.json(await updateSource(deps, c.req.param("id"), body, who(c)));
  });

  app.post("/sources/:id/keys", admin, async (c) => {
    const body = await readJson(c, "create-source-key-request");
    return c.json(await rotateSourceKey(deps, c.req.param("id"), body, who(c)), 201);
  });

  app.get("/completion-events", read, async (c) => {
    const limit = intParam(c.req.query("limit"), "limit", 50, 500);
    const beforeText = c.req.query("before");
    const before = beforeText === undefined ? undefined : intParam(beforeText, "before", 1, Number.MAX_SAFE_INTEGER);
    const outcome = c.req.query("outcome");
    if (outcome !== undefined && !["issued", "duplicate", "rejected"].includes(outcome))
      throw new AppError("ERR_VALIDATION", "outcome: must be issued, duplicate or rejected", { field: "outcome" });
    const source = c.req.query("source");
    const events = await listEvents(deps.store, { limit, beforeSeq: before, sourceId: source, outcome });
    const last = events[events.length - 1];
    const query = new URLSearchParams({
      limit: String(limit),
      ...(source ? { source } : {}),
      ...(outcome ? { outcome } : {}),
    });
    return c.json({
      events: events.map((e) => ({
        seq: e.seq,
        source: e.source_id,
        channel: e.channel,
        receivedAt: e.received_at,
        outcome: e.outcome,
        code: e.code,
        reason: e.reason,
        messageId: e.message_id,
        enrolment: e.enrolment,
        course: e.course,
        certificateId: e.certificate_id,
        requestId: e.request_id,
      })),
      next: events.length === limit && last ? `/admin/completion-events?${query}&before=${last.seq}` : null,
    });
  });
  return app;
}
