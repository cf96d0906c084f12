/** Bulk issuance endpoints: preview, upload (CSV, XLSX or JSON), process in chunks, report (JSON or CSV). */
import { Hono } from "hono";
import { AppError } from "../errors";
import { previewUpload } from "../services/batch-preview";
import { parseUpload } from "../services/batch-upload";
import { auditDownload } from "../services/certificate-search";
import { batchPackEntries, printPack } from "../services/print-pack";
import { batchExists, batchProgress, batchReport, createBatch, processBatch, reportCsv } from "../services/batches";
import type { AppDeps } from "../services/context";
import { requireScope, who } from "./admin-auth";
import { zipHeaders } from "./admin-certificates";
import { readUpload } from "./batch-upload-request";
import { refusingBodyLimit } from "./http";
import type { AppEnv } from "./env";
import { problemResponse } from "./problem";

/** CSV uploads up to 10,000 rows fit comfortably in 5 MiB. */
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;

export function batchRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const uploadLimit = refusingBodyLimit(MAX_BATCH_BYTES, (c) =>
    problemResponse(c, new AppError("ERR_BODY_TOO_LARGE", `The upload exceeds ${MAX_BATCH_BYTES} bytes`)),
  );

  // Every row with its problems and the column mapping, before anything is signed or stored.
  app.post("/preview", requireScope(deps, "issue"), uploadLimit, async (c) => {
    const { upload, options } = await readUpload(c);
    return c.json(await previewUpload(deps, upload, options));
  });

  app.post("/", requireScope(deps, "issue"), uploadLimit, async (c) => {
    const { upload, options, notify } = await readUpload(c);
    const rows = await parseUpload(deps, upload, options);
    const id = await createBatch(deps, upload.kind, rows, who(c), notify);
    // Start right away; the rest is driven by POST /admin/batches/{id}/process (the CLI does it).
    await processBatch(deps, id, who(c));
    const progress = (await batchProgress(deps, id))!;
    c.header("Location", `/admin/batches/${id}`);
    return c.json({ ...progress, process: `/admin/batches/${id}/process` }, 202);
  });

  app.post("/:id/process", requireScope(deps, "issue"), async (c) => {
    const id = c.req.param("id");
    if (!(await batchExists(deps, id))) throw new AppError("ERR_NOT_FOUND", "No batch with this id");
    const settled = await processBatch(deps, id, who(c));
    return c.json({ ...(await batchProgress(deps, id))!, settled });
  });

  app.get("/:id/pdfs.zip", requireScope(deps, "read"), async (c) => {
    const id = c.req.param("id");
    const entries = await batchPackEntries(deps, id);
    const stream = await printPack(deps, entries);
    await auditDownload(deps, who(c), "certificates.print-pack", { batchId: id, certificates: entries.length });
    return c.body(stream, 200, zipHeaders(`wego-certificates-batch-${id}.zip`));
  });

  app.get("/:id", requireScope(deps, "read"), async (c) => {
    const raw = c.req.param("id");
    const csv = raw.endsWith(".csv") || c.req.query("format") === "csv";
    const report = await batchReport(deps, raw.replace(/\.csv$/, ""));
    if (!report) throw new AppError("ERR_NOT_FOUND", "No batch with this id");
    if (csv)
      return c.body(reportCsv(report), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="batch-${report.id}.csv"`,
      });
    return c.json(report);
  });
  return app;
}
