/** GET /console/audit: the audit log with filters, paged in the database (keyset on seq). */
import { Hono } from "hono";
import { auditActions, searchAudit } from "../adapters/storage/console-repository";
import { renderAudit, type AuditForm } from "../pages/console/audit";
import type { AppDeps } from "../services/context";
import { htmlPage, type ConsoleEnv } from "./console-http";

const AUDIT_PAGE = 50;
const DATE = /^\d{4}-\d\d-\d\d$/;

/** The day after a YYYY-MM-DD date (the "to" filter is inclusive). */
function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();
}

export function consoleAuditRoutes(deps: AppDeps) {
  const app = new Hono<ConsoleEnv>();
  app.get("/", async (c) => {
    const q = c.req.query();
    const form: AuditForm = {
      actor: (q.actor ?? "").trim(),
      action: (q.action ?? "").trim(),
      target: (q.target ?? "").trim(),
      from: q.from ?? "",
      to: q.to ?? "",
    };
    const p = { ...c.get("page"), section: "/console/audit" };
    const badDate = [form.from, form.to].some((d) => d && (!DATE.test(d) || Number.isNaN(Date.parse(d))));
    const before = /^[1-9]\d{0,15}$/.test(q.before ?? "") ? Number(q.before) : undefined;
    const [actions, entries] = await Promise.all([
      auditActions(deps.store),
      badDate
        ? Promise.resolve([])
        : searchAudit(deps.store, {
            actor: form.actor || undefined,
            action: form.action || undefined,
            targets: form.target ? [form.target] : undefined,
            from: form.from ? `${form.from}T00:00:00.000Z` : undefined,
            to: form.to ? nextDay(form.to) : undefined,
            beforeSeq: before,
            limit: AUDIT_PAGE,
          }),
    ]);
    const last = entries[entries.length - 1];
    const params = new URLSearchParams(Object.entries(form).filter(([, v]) => v) as [string, string][]);
    const olderHref = entries.length === AUDIT_PAGE && last ? `/console/audit?${params}&before=${last.seq}` : null;
    return htmlPage(
      c,
      renderAudit(p, { form, actions, entries, olderHref, error: badDate ? "YYYY-MM-DD" : undefined }),
      badDate ? 400 : 200,
    );
  });
  return app;
}
