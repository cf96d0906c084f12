/**
 * /console/sources (admin only): learning platforms through the same services as /admin/sources.
 * A created or rotated secret is shown in the answer to that POST only (never stored in clear,
 * never shown again); every change is audited under the staff identity by the services.
 */
import { Hono } from "hono";
import { listEvents } from "../adapters/storage/completion-repository";
import { validate, type SchemaName } from "../adapters/validation/schemas";
import type { CreateSourceKeyRequest, CreateSourceRequest, UpdateSourceRequest } from "../lib/request-types.generated";
import { AppError } from "../errors";
import { renderSources, type ShownSecrets } from "../pages/console/sources";
import { createSource, rotateSourceKey, sourcesForStaff, updateSource } from "../services/completion-sources";
import type { AppDeps } from "../services/context";
import {
  consoleWho,
  field,
  formFields,
  htmlPage,
  needScope,
  type ConsoleContext,
  type ConsoleEnv,
} from "./console-http";

/** Events listed under the sources (the admin API pages through all of them). */
const EVENTS_SHOWN = 20;

type Form = Record<string, string | string[]>;

/** `course = achievement` lines as a course mapping; a line without `=` is a 400 naming it. */
function coursesOf(form: Form): Record<string, string> {
  const out: Record<string, string> = {};
  field(form, "courses")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .forEach((line, i) => {
      const at = line.indexOf("=");
      const course = line.slice(0, at).trim();
      const achievement = line.slice(at + 1).trim();
      if (at < 0 || !course || !achievement)
        throw new AppError("ERR_VALIDATION", `courses: line ${i + 1} must read "course id = achievement id"`, {
          field: "courses",
        });
      out[course] = achievement;
    });
  return out;
}

/** The settings every source form carries. */
function settingsOf(form: Form) {
  return {
    name: field(form, "name").trim(),
    courses: coursesOf(form),
    defaultLanguage: field(form, "defaultLanguage") === "ko" ? "ko" : "en",
    notify: field(form, "notify") === "yes",
  };
}

/** Throws the schema's first problem as a 400 (the page shows it). */
function check(schema: SchemaName, body: unknown) {
  const errors = validate(schema, body);
  if (errors.length) throw new AppError("ERR_VALIDATION", errors[0]!.message, { field: errors[0]!.field, errors });
}

export function consoleSourceRoutes(deps: AppDeps) {
  const app = new Hono<ConsoleEnv>();
  app.use(async (c, next) => {
    needScope(c as ConsoleContext, "admin");
    await next();
  });

  const show = async (c: ConsoleContext, o: { shown?: ShownSecrets; error?: string; flash?: string }, status = 200) => {
    const [sources, events] = await Promise.all([
      sourcesForStaff(deps),
      listEvents(deps.store, { limit: EVENTS_SHOWN }),
    ]);
    const p = { ...c.get("page"), section: "/console/sources" };
    const view = events.map((e) => ({
      seq: e.seq,
      source: e.source_id,
      channel: e.channel,
      receivedAt: e.received_at,
      outcome: e.outcome,
      code: e.code,
      reason: e.reason,
      course: e.course,
      certificateId: e.certificate_id,
    }));
    return htmlPage(c, renderSources(p, { sources, events: view }, o), status);
  };
  /** Runs a change; a 4xx from validation or the service is shown on the page, nothing changed. */
  const attempt = async (c: ConsoleContext, run: () => Promise<Response>) => {
    try {
      return await run();
    } catch (e) {
      if (e instanceof AppError && e.status < 500) return show(c, { error: e.message }, e.status);
      throw e;
    }
  };

  app.get("/", (c) => show(c, { flash: c.req.query("done") ? c.get("page").t.doneSourceSaved : undefined }));

  app.post("/", async (c) =>
    attempt(c, async () => {
      const form = await formFields(c);
      const body = { id: field(form, "id").trim(), kind: field(form, "kind"), ...settingsOf(form) };
      check("create-source-request", body);
      const created = await createSource(deps, body as CreateSourceRequest, consoleWho(c));
      const { t } = c.get("page");
      const secrets = [{ label: t.webhookSecret, value: created.secrets.webhook }];
      if (created.secrets.claim) secrets.push({ label: t.claimSecret, value: created.secrets.claim });
      return show(c, { shown: { sourceId: body.id, secrets } }, 201);
    }),
  );

  app.post("/:id", async (c) =>
    attempt(c, async () => {
      const body = settingsOf(await formFields(c));
      check("update-source-request", body);
      await updateSource(deps, c.req.param("id"), body as UpdateSourceRequest, consoleWho(c));
      return c.redirect("/console/sources?done=saved", 303);
    }),
  );

  app.post("/:id/enabled", async (c) =>
    attempt(c, async () => {
      const enabled = field(await formFields(c), "enabled") === "yes";
      await updateSource(deps, c.req.param("id"), { enabled }, consoleWho(c));
      return c.redirect("/console/sources?done=saved", 303);
    }),
  );

  app.post("/:id/rotate", async (c) =>
    attempt(c, async () => {
      const form = await formFields(c);
      const body = { purpose: field(form, "purpose"), graceSeconds: Number(field(form, "graceSeconds") || "86400") };
      check("create-source-key-request", body);
      const id = c.req.param("id");
      const key = await rotateSourceKey(deps, id, body as CreateSourceKeyRequest, consoleWho(c));
      const { t } = c.get("page");
      const label = body.purpose === "webhook" ? t.webhookSecret : t.claimSecret;
      return show(c, { shown: { sourceId: id, secrets: key.secret ? [{ label, value: key.secret }] : [] } });
    }),
  );
  return app;
}
