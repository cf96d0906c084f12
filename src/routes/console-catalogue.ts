/** /console/catalogue: the catalogue with usage (any staff), adding a programme year (admin). */
import { Hono } from "hono";
import { validate } from "../adapters/validation/schemas";
import { AppError } from "../errors";
import { renderCatalogue } from "../pages/console/catalogue";
import { catalogueWithUsage, createProgramme } from "../services/catalogue-edit";
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

export function consoleCatalogueRoutes(deps: AppDeps) {
  const app = new Hono<ConsoleEnv>();
  const show = async (c: ConsoleContext, o: { flash?: string; error?: string } = {}, status = 200) => {
    const rows = await catalogueWithUsage(deps);
    const p = { ...c.get("page"), section: "/console/catalogue" };
    return htmlPage(c, renderCatalogue(p, rows, { canEdit: userCan(c, "admin"), ...o }), status);
  };

  app.get("/", (c) =>
    show(c, { flash: c.req.query("done") === "programme" ? c.get("page").t.doneProgramme : undefined }),
  );

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
  return app;
}
