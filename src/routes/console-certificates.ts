/**
 * Find and view certificates, download a print pack of a search; the actions on one certificate
 * are in console-certificate-actions.ts.
 */
import { Hono } from "hono";
import { AppError } from "../errors";
import { renderCertificate } from "../pages/console/certificate";
import { renderFind, type FindForm, type FindRow } from "../pages/console/find";
import type { AppDeps } from "../services/context";
import { parseCertificateQuery } from "../services/certificate-query";
import { auditDownload, listCertificates } from "../services/certificate-search";
import { PAGE_SIZE } from "../services/console-queries";
import { filterPackEntries, printPack } from "../services/print-pack";
import { zipHeaders } from "./admin-certificates";
import { consoleCertificateActionRoutes } from "./console-certificate-actions";
import { certificateView, idParam, WORDS, type Transition } from "./console-certificate-view";
import { programmeOptions } from "./console-forms";
import { consoleWho, htmlPage, type ConsoleContext, type ConsoleEnv } from "./console-http";

export function consoleCertificateRoutes(deps: AppDeps) {
  const app = new Hono<ConsoleEnv>();
  const pageOf = (c: ConsoleContext) => ({ ...c.get("page"), section: "/console/certificates" });

  /** The Find form's fields as the list API's parameters (one parser: services/certificate-query.ts). */
  const listParams = (form: FindForm, extra: Record<string, string> = {}) => {
    const params: Record<string, string[]> = {};
    if (form.q.trim()) params.q = [form.q.trim()];
    if (form.programme) params.achievementId = [form.programme];
    if (form.status) params.status = [form.status];
    if (form.batch.trim()) params.batchId = [form.batch.trim()];
    for (const [k, v] of Object.entries(extra)) params[k] = [v];
    return params;
  };
  const formOf = (c: ConsoleContext): FindForm => {
    const q = c.req.query();
    return { q: q.q ?? "", programme: q.programme ?? "", status: q.status ?? "", batch: q.batch ?? "" };
  };

  app.get("/", async (c) => {
    const form = formOf(c);
    const cursor = c.req.query("cursor");
    const programmes = await programmeOptions(deps);
    let rows: FindRow[] = [];
    let next: string | null = null;
    let error: string | undefined;
    try {
      const query = await parseCertificateQuery(
        listParams(form, { limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) }),
        emailIndexOf(deps),
      );
      const page = await listCertificates(deps, query);
      rows = page.items.map((r) => ({
        id: r.id,
        recipient_name: r.recipientName,
        achievement_id: r.achievementId,
        status: r.status,
        issued_at: r.issuedAt,
        external_id: r.externalId,
      }));
      next = page.cursor;
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      error = e.message;
    }
    const params = new URLSearchParams(Object.entries(form).filter(([, v]) => v) as [string, string][]);
    const nextHref = next ? `/console/certificates?${new URLSearchParams([...params, ["cursor", next]])}` : null;
    const firstHref = cursor ? `/console/certificates?${params}` : null;
    const packHref = rows.length ? `/console/certificates/pdfs.zip?${params}` : null;
    return htmlPage(
      c,
      renderFind(pageOf(c), { form, programmes, rows, nextHref, firstHref, packHref, error }),
      error ? 400 : 200,
    );
  });

  app.get("/pdfs.zip", async (c) => {
    const query = await parseCertificateQuery(listParams(formOf(c)), emailIndexOf(deps));
    const entries = await filterPackEntries(deps, query.filter);
    const stream = await printPack(deps, entries);
    await auditDownload(deps, consoleWho(c), "certificates.print-pack", {
      filter: query.filter,
      certificates: entries.length,
    });
    return c.body(stream, 200, zipHeaders(`wego-certificates-${deps.clock().toISOString().slice(0, 10)}.zip`));
  });

  app.get("/:id", async (c) => {
    const id = idParam(c);
    const done = c.req.query("done") as Transition | "reissue" | undefined;
    const p = pageOf(c);
    const flash =
      (done as string) === "issue"
        ? p.t.doneIssue
        : (done as string) === "resend"
          ? p.t.doneResend
          : done && done in WORDS
            ? WORDS[done](p.t).done
            : undefined;
    return htmlPage(c, renderCertificate(p, await certificateView(deps, c, id), { flash }));
  });

  app.route("/", consoleCertificateActionRoutes(deps));

  return app;
}

/** The keyed blind index of an email address, for search by email (services/email-vault). */
function emailIndexOf(deps: AppDeps): (email: string) => Promise<string> {
  return async (email) => (await deps.vault()).index(email);
}
