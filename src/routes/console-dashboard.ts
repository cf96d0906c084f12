/** GET /console: the dashboard. */
import { Hono } from "hono";
import { renderDashboard } from "../pages/console/dashboard";
import type { AppDeps } from "../services/context";
import { dashboard } from "../services/console-queries";
import { htmlPage, type ConsoleEnv } from "./console-http";

export function consoleDashboardRoutes(deps: AppDeps) {
  const app = new Hono<ConsoleEnv>();
  app.get("/", async (c) => {
    const p = { ...c.get("page"), section: "/console" };
    const flash = c.req.query("done") === "issue" ? p.t.doneIssue : undefined;
    return htmlPage(c, renderDashboard(p, await dashboard(deps), flash));
  });
  return app;
}
