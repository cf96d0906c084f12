/** /console/admin (scope `admin`): create and revoke API tokens; add, change and disable staff accounts. */
import { Hono } from "hono";
import { listStaff } from "../adapters/storage/staff-repository";
import { listTokens } from "../adapters/storage/token-repository";
import { AppError } from "../errors";
import { renderAdmin } from "../pages/console/admin";
import type { AppDeps } from "../services/context";
import { addStaff, disableStaff, setStaffScopes } from "../services/staff";
import { createToken, revokeToken, SCOPES, type Scope } from "../services/tokens";
import {
  consoleWho,
  field,
  formFields,
  htmlPage,
  needScope,
  type ConsoleContext,
  type ConsoleEnv,
} from "./console-http";

const scopesOf = (form: Record<string, string | string[]>): string[] => {
  const v = form.scopes;
  return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
};

export function consoleAdminRoutes(deps: AppDeps) {
  const app = new Hono<ConsoleEnv>();
  app.use(async (c, next) => {
    needScope(c, "admin");
    await next();
  });

  async function page(c: ConsoleContext, o: Parameters<typeof renderAdmin>[2] = {}, status = 200) {
    const [tokens, staff] = await Promise.all([listTokens(deps.store), listStaff(deps.store)]);
    return htmlPage(
      c,
      renderAdmin(
        { ...c.get("page"), section: "/console/admin" },
        {
          tokens: tokens.map((k) => ({ ...k, scopes: JSON.parse(k.scopes) as string[] })),
          staff: staff.map((s) => ({ ...s, scopes: JSON.parse(s.scopes) as string[] })),
        },
        o,
      ),
      status,
    );
  }

  app.get("/", (c) => {
    const { t } = c.get("page");
    const done = c.req.query("done");
    const flash =
      done === "token-revoked"
        ? t.doneTokenRevoked
        : done === "staff-added"
          ? t.doneStaffAdded
          : done === "staff-disabled"
            ? t.doneStaffDisabled
            : done === "staff-scopes"
              ? t.doneStaffScopes
              : undefined;
    return page(c, { flash });
  });

  app.post("/tokens", async (c) => {
    const form = await formFields(c);
    const { t } = c.get("page");
    const name = field(form, "name").trim();
    const scopes = scopesOf(form);
    const valid = scopes.length > 0 && scopes.every((s) => (SCOPES as readonly string[]).includes(s));
    if (!name || name.length > 100 || !valid)
      return page(
        c,
        { errors: { tokenName: name ? undefined : t.tokenName, token: valid ? undefined : t.chooseScope } },
        400,
      );
    const created = await createToken(deps, { name, scopes: [...new Set(scopes)] as Scope[] }, consoleWho(c));
    // Shown in this response only (never in a URL or a redirect).
    return page(c, { newToken: { name: created.name, token: created.token } }, 201);
  });

  app.post("/tokens/:id/revoke", async (c) => {
    await revokeToken(deps, c.req.param("id"), consoleWho(c));
    return c.redirect("/console/admin?done=token-revoked", 303);
  });

  app.post("/staff", async (c) => {
    const form = await formFields(c);
    try {
      await addStaff(
        deps,
        { email: field(form, "email"), name: field(form, "name"), scopes: scopesOf(form) },
        consoleWho(c),
      );
    } catch (e) {
      if (e instanceof AppError && e.status < 500) return page(c, { errors: { staff: e.message } }, e.status);
      throw e;
    }
    return c.redirect("/console/admin?done=staff-added", 303);
  });

  app.post("/staff/:id/scopes", async (c) => {
    await setStaffScopes(deps, c.req.param("id"), scopesOf(await formFields(c)), consoleWho(c));
    return c.redirect("/console/admin?done=staff-scopes", 303);
  });

  app.post("/staff/:id/disable", async (c) => {
    await disableStaff(deps, c.req.param("id"), consoleWho(c));
    return c.redirect("/console/admin?done=staff-disabled", 303);
  });
  return app;
}
