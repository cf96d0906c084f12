/** Staff search over certificates: paged list, CSV/JSON export, and the print pack of a filter. */
import { Hono, type Context } from "hono";
import { AppError } from "../errors";
import type { AppDeps } from "../services/context";
import { parseCertificateQuery } from "../services/certificate-query";
import { auditDownload, exportCertificates, listCertificates } from "../services/certificate-search";
import { filterPackEntries, printPack } from "../services/print-pack";
import { requireScope, who } from "./admin-auth";
import type { AppEnv } from "./env";

/** The list query of a request (every value of every parameter); an email in `q` through the blind index. */
export function listQuery(deps: AppDeps, c: Context) {
  return parseCertificateQuery(c.req.queries() ?? {}, async (email) => (await deps.vault()).index(email));
}

/** A timestamp for export file names, e.g. 20261201-0912. */
export const fileStamp = (d: Date) => d.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");

export function certificateListRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get("/certificates", requireScope(deps, "read"), async (c) => {
    const query = await listQuery(deps, c);
    const format = c.req.query("format");
    if (format === undefined) {
      const page = await listCertificates(deps, query);
      const next = page.cursor ? new URL(c.req.url) : null;
      next?.searchParams.set("cursor", page.cursor!);
      return c.json({ ...page, next: next ? `${next.pathname}${next.search}` : null });
    }
    if (format !== "csv" && format !== "json")
      throw new AppError("ERR_VALIDATION", "format: must be csv or json (or absent for a page)", { field: "format" });
    if (query.after)
      throw new AppError("ERR_VALIDATION", "cursor: an export holds every match; leave cursor out", {
        field: "cursor",
      });
    const stream = await exportCertificates(deps, query.filter, format);
    await auditDownload(deps, who(c), "certificates.export", { filter: query.filter, format });
    return c.body(stream, 200, {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="certificates-${fileStamp(deps.clock())}.${format}"`,
    });
  });
  // Print pack of a list filter (same parameters as the list, without paging).
  app.get("/certificates/pdfs.zip", requireScope(deps, "read"), async (c) => {
    const query = await listQuery(deps, c);
    if (query.after || c.req.query("format") || c.req.query("limit"))
      throw new AppError("ERR_VALIDATION", "A print pack takes the filters only (no cursor, limit or format)", {
        field: query.after ? "cursor" : c.req.query("format") ? "format" : "limit",
      });
    const entries = await filterPackEntries(deps, query.filter);
    const stream = await printPack(deps, entries);
    await auditDownload(deps, who(c), "certificates.print-pack", {
      filter: query.filter,
      certificates: entries.length,
    });
    return c.body(stream, 200, zipHeaders(`wego-certificates-${fileStamp(deps.clock())}.zip`));
  });
  return app;
}

/** Headers of a ZIP download. */
export function zipHeaders(fileName: string): Record<string, string> {
  return { "Content-Type": "application/zip", "Content-Disposition": `attachment; filename="${fileName}"` };
}
