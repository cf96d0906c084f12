/**
 * The staff console at /console: server-rendered pages over the same services as the admin API.
 * Sign-in is by an API token pasted into a form (a server-side session), or, when Cloudflare
 * Access is configured, by the Access identity mapped to a staff account. Every POST must come
 * from this origin and carry the session's synchronizer token.
 */
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { base64urlEncode } from "../lib/encoding";
import { timingSafeEqual } from "./http";
import { appErrorOf } from "./problem";
import { AppError } from "../errors";
import { renderMessage, renderSignIn } from "../pages/console/sign-in";
import type { AppDeps } from "../services/context";
import {
  endSession,
  resumeSession,
  SESSION_MAX_MS,
  signInWithAccess,
  signInWithToken,
  type ConsoleUser,
} from "../services/console-session";
import { consoleAdminRoutes } from "./console-admin";
import { consoleAuditRoutes } from "./console-audit";
import { consoleCatalogueRoutes } from "./console-catalogue";
import { consoleCertificateRoutes } from "./console-certificates";
import { consoleDashboardRoutes } from "./console-dashboard";
import { consoleIssueRoutes } from "./console-issue";
import { consoleSourceRoutes } from "./console-sources";
import { consoleUploadLimit, consoleUploadRoutes } from "./console-upload";
import {
  csrfMatches,
  field,
  formFields,
  htmlPage,
  isHttps,
  pageContext,
  sameOrigin,
  sessionCookie,
  setSessionCookie,
  type ConsoleContext,
  type ConsoleEnv,
} from "./console-http";

const LOGIN_COOKIE = "wego-console-login";
const SESSION_SECONDS = SESSION_MAX_MS / 1000;

function signInPage(c: ConsoleContext, deps: AppDeps, status: number, o: { error?: string; notice?: string } = {}) {
  // Login CSRF: a double-submit value (cookie + hidden field) binds the form to this browser.
  const loginCsrf = base64urlEncode(deps.random(32));
  setCookie(c, LOGIN_COOKIE, loginCsrf, {
    path: "/console/sign-in",
    httpOnly: true,
    secure: isHttps(c),
    sameSite: "Strict",
    maxAge: 3600,
  });
  return htmlPage(c, renderSignIn(c.get("page"), { loginCsrf, ...o }), status);
}

function errorPage(c: ConsoleContext, err: AppError): Response {
  const { t } = c.get("page");
  const p = c.get("page");
  const home = { href: "/console", text: t.backToDashboard };
  if (err.code === "ERR_FORBIDDEN") return htmlPage(c, renderMessage(p, t.forbiddenTitle, err.message, home), 403);
  if (err.code === "ERR_NOT_FOUND") return htmlPage(c, renderMessage(p, t.notFoundTitle, t.notFoundDetail, home), 404);
  if (err.code === "ERR_UNAVAILABLE") {
    c.header("Retry-After", "2");
    return htmlPage(c, renderMessage(p, t.unavailableTitle, t.unavailableDetail, home), 503);
  }
  if (err.status < 500) return htmlPage(c, renderMessage(p, t.errorTitle, err.message, home), err.status);
  return htmlPage(c, renderMessage(p, t.errorTitle, t.errorDetail, home), 500);
}

/** The user behind Cloudflare Access, or the page to show instead (no JWT, bad JWT, not staff). */
async function accessUser(c: ConsoleContext, deps: AppDeps): Promise<ConsoleUser | Response> {
  const { t } = c.get("page");
  const p = c.get("page");
  const jwt = c.req.header("cf-access-jwt-assertion");
  const check = jwt ? await deps.access!(jwt) : undefined;
  if (!check?.ok) {
    console.warn(
      JSON.stringify({
        level: "warn",
        event: "console.access-refused",
        code: check?.error.code ?? "ERR_ACCESS_MISSING",
      }),
    );
    return htmlPage(
      c,
      renderMessage(p, t.accessOnlyTitle, t.accessOnlyDetail, { href: "/console", text: t.accessRetry }),
      401,
    );
  }
  const existing = sessionCookie(c);
  const resumed = existing ? await resumeSession(deps, existing) : null;
  // A session belongs to one Access identity: another person in the same browser gets their own.
  const { email } = check.value;
  if (resumed && resumed.kind === "access" && resumed.actor === `staff:${email}`) return resumed;
  const opened = await signInWithAccess(deps, email, c.get("requestId"));
  if (!opened) return htmlPage(c, renderMessage(p, t.notStaffTitle, t.notStaffDetail.replace("{email}", email)), 403);
  setSessionCookie(c, opened.sessionId, SESSION_SECONDS);
  return opened.user;
}

export function consoleRoutes(deps: AppDeps) {
  const app = new Hono<ConsoleEnv>();
  app.use(pageContext());
  app.onError((err, c) => {
    const appErr = appErrorOf(c, err, "unexpected console error");
    return errorPage(c as ConsoleContext, appErr);
  });

  // Uploads are larger than other bodies (app.ts leaves them to this limit), checked before reading.
  app.use("/upload/*", consoleUploadLimit);

  // Cross-site state changes are refused before anything else (sign-in included).
  app.use(async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && !sameOrigin(c)) {
      const { t } = c.get("page");
      return htmlPage(c, renderMessage(c.get("page"), t.csrfTitle, t.csrfDetail), 403);
    }
    return next();
  });

  app.get("/sign-in", (c) => {
    if (deps.access) return c.redirect("/console", 303);
    const done = c.req.query("signed-out") !== undefined;
    const expired = c.req.query("expired") !== undefined;
    const { t } = c.get("page");
    return signInPage(c, deps, 200, { notice: done ? t.signedOut : expired ? t.sessionExpired : undefined });
  });

  app.post("/sign-in", async (c) => {
    if (deps.access) return c.redirect("/console", 303);
    const { t } = c.get("page");
    const form = await formFields(c);
    const cookie = getCookie(c, LOGIN_COOKIE) ?? "";
    if (!cookie || !(await timingSafeEqual(field(form, "csrf"), cookie)))
      return htmlPage(
        c,
        renderMessage(c.get("page"), t.csrfTitle, t.csrfDetail, { href: "/console/sign-in", text: t.signInSubmit }),
        403,
      );
    const token = field(form, "token").trim();
    if (!token) return signInPage(c, deps, 400, { error: t.signInMissing });
    const opened = token.length <= 512 ? await signInWithToken(deps, token, c.get("requestId")) : null;
    if (!opened) return signInPage(c, deps, 401, { error: t.signInFailed });
    deleteCookie(c, LOGIN_COOKIE, { path: "/console/sign-in", secure: isHttps(c) });
    setSessionCookie(c, opened.sessionId, SESSION_SECONDS);
    return c.redirect("/console", 303);
  });

  // Everything else needs a signed-in user; POSTs also the session's synchronizer token.
  app.use(async (c, next) => {
    let user: ConsoleUser | null;
    if (deps.access) {
      const r = await accessUser(c, deps);
      if (r instanceof Response) return r;
      user = r;
    } else {
      const id = sessionCookie(c);
      user = id ? await resumeSession(deps, id) : null;
      if (!user) return c.redirect(id ? "/console/sign-in?expired" : "/console/sign-in", 303);
    }
    c.set("user", user);
    c.set("page", { ...c.get("page"), user: { label: user.label, scopes: user.scopes, csrf: user.csrf } });
    if (c.req.method === "POST" && !(await csrfMatches(await formFields(c), user.csrf))) {
      const { t } = c.get("page");
      return htmlPage(c, renderMessage(c.get("page"), t.csrfTitle, t.csrfDetail), 403);
    }
    return next();
  });

  app.post("/sign-out", async (c) => {
    await endSession(deps, c.get("user"), c.get("requestId"));
    setSessionCookie(c, "", 0);
    return c.redirect(deps.access ? "/cdn-cgi/access/logout" : "/console/sign-in?signed-out", 303);
  });

  app.route("/", consoleDashboardRoutes(deps));
  app.route("/certificates", consoleCertificateRoutes(deps));
  app.route("/issue", consoleIssueRoutes(deps));
  app.route("/", consoleUploadRoutes(deps));
  app.route("/audit", consoleAuditRoutes(deps));
  app.route("/catalogue", consoleCatalogueRoutes(deps));
  app.route("/admin", consoleAdminRoutes(deps));
  app.route("/sources", consoleSourceRoutes(deps));
  app.all("*", () => {
    throw new AppError("ERR_NOT_FOUND", "No console page here");
  });
  return app;
}
