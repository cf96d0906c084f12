/**
 * /console/catalogue: the catalogue with usage (any staff); adding a programme year and editing an
 * achievement no certificate has signed yet (admin), through the services of /admin/achievements.
 */
import { Hono } from "hono";
import { validate } from "../adapters/validation/schemas";
import { AppError } from "../errors";
import type { AchievementRecord } from "../domain/types";
import { renderAchievementForm } from "../pages/console/achievement-form";
import { renderCatalogue } from "../pages/console/catalogue";
import { catalogueWithUsage, createProgramme, updateAchievement } from "../services/catalogue-edit";
import type { AppDeps } from "../services/context";
import {
  consoleWho,
  field,
  formFields,
  htmlPage,
  needScope,
  userCan,
  type ConsoleContext,
  type ConsoleEnv,
} from "./console-http";

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The add-programme form as a create-programme-request (blank workshop blocks left out). */
function programmeRequest(form: Record<string, string | string[]>) {
  const online = lines(field(form, "onlineThemes"));
  const workshops = [1, 2, 3, 4]
    .map((n) => ({
      city: field(form, `w${n}-city`).trim(),
      date: field(form, `w${n}-date`).trim(),
      venue: field(form, `w${n}-venue`).trim() || null,
      themes: lines(field(form, `w${n}-themes`)),
    }))
    .filter((w) => w.city || w.date || w.venue || w.themes.length);
  return {
    id: field(form, "id").trim(),
    name: field(form, "name").trim(),
    ...(online.length ? { online: { themes: online } } : {}),
    ...(workshops.length ? { workshops } : {}),
  };
}

/** The edit form as an achievement record (blank optional fields as null). */
function achievementOf(id: string, form: Record<string, string | string[]>): AchievementRecord {
  const opt = (name: string) => field(form, name).trim() || null;
  return {
    id,
    kind: field(form, "kind") === "workshop" ? "workshop" : "online",
    name: field(form, "name").trim(),
    description: field(form, "description").trim(),
    criteria: field(form, "criteria").trim(),
    city: opt("city"),
    date: opt("date"),
    venue: opt("venue"),
    themes: lines(field(form, "themes")),
  };
}

export function consoleCatalogueRoutes(deps: AppDeps) {
  const app = new Hono<ConsoleEnv>();
  const show = async (c: ConsoleContext, o: { flash?: string; error?: string } = {}, status = 200) => {
    const rows = await catalogueWithUsage(deps);
    const p = { ...c.get("page"), section: "/console/catalogue" };
    return htmlPage(c, renderCatalogue(p, rows, { canEdit: userCan(c, "admin"), ...o }), status);
  };

  app.get("/", (c) => {
    const done = c.req.query("done");
    const { t } = c.get("page");
    return show(c, {
      flash: done === "programme" ? t.doneProgramme : done === "achievement" ? t.doneAchievement : undefined,
    });
  });

  app.post("/programmes", async (c) => {
    needScope(c, "admin");
    const request = programmeRequest(await formFields(c));
    const errors = validate("create-programme-request", request);
    if (errors.length) return show(c, { error: errors.map((e) => `${e.field}: ${e.message}`).join("; ") }, 400);
    try {
      await createProgramme(deps, request as never, consoleWho(c));
    } catch (e) {
      if (e instanceof AppError && e.status < 500) return show(c, { error: e.message }, e.status);
      throw e;
    }
    return c.redirect("/console/catalogue?done=programme", 303);
  });

  /** The achievement, if no certificate has signed it yet (404 unknown, 409 in use). */
  const editable = async (id: string) => {
    const entry = (await catalogueWithUsage(deps)).find((a) => a.id === id);
    if (!entry) throw new AppError("ERR_NOT_FOUND", `No achievement "${id}"`);
    if (!entry.editable)
      throw new AppError(
        "ERR_ACHIEVEMENT_IN_USE",
        `${entry.name}: ${entry.certificates} signed certificate(s) carry this achievement, so it can no longer change. Add a new achievement instead.`,
      );
    const { certificates: _n, editable: _e, ...record } = entry;
    return record;
  };
  const pageOf = (c: ConsoleContext) => ({ ...c.get("page"), section: "/console/catalogue" });

  app.get("/:id/edit", async (c) => {
    needScope(c, "admin");
    return htmlPage(c, renderAchievementForm(pageOf(c), await editable(c.req.param("id"))));
  });

  app.post("/:id", async (c) => {
    needScope(c, "admin");
    const id = c.req.param("id");
    await editable(id);
    const record = achievementOf(id, await formFields(c));
    const errors = validate("create-achievement-request", record);
    const fail = (message: string, status: number) =>
      htmlPage(c, renderAchievementForm(pageOf(c), record, message), status);
    if (errors.length) return fail(errors.map((e) => `${e.field}: ${e.message}`).join("; "), 400);
    try {
      await updateAchievement(deps, id, record, consoleWho(c));
    } catch (e) {
      if (e instanceof AppError && e.status < 500) return fail(e.message, e.status);
      throw e;
    }
    return c.redirect("/console/catalogue?done=achievement", 303);
  });
  return app;
}
