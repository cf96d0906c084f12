/** Bulk issuance endpoints: upload (CSV or JSON), process in chunks, report (JSON or CSV). */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../errors";
import { batchReport, createBatch, parseUpload, processBatch, reportCsv } from "../services/batches";
import type { AppDeps } from "../services/context";
import { requireScope, who } from "./admin-auth";
import type { AppEnv } from "./env";
import { problemResponse } from "./problem";

/** CSV uploads up to 10,000 rows fit comfortably in 5 MiB. */
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;

/**
 * The upload's `notify` option: `?notify=true` (CSV or JSON), or `"notify": true` beside `rows` in
 * a JSON body (taken out before the rows are read).
 */
function notifyOption(query: string | undefined, upload: { csv: Uint8Array } | { json: unknown }): boolean {
  let notify = false;
  if (query !== undefined) {
    if (!/^(true|false|1|0)$/.test(query))
      throw new AppError("ERR_VALIDATION", "notify: must be true or false", { field: "notify" });
    notify = query === "true" || query === "1";
  }
  if ("json" in upload && upload.json && typeof upload.json === "object" && "notify" in upload.json) {
    const { notify: value, ...rest } = upload.json as Record<string, unknown>;
    if (typeof value !== "boolean")
      throw new AppError("ERR_VALIDATION", "notify: must be true or false", { field: "notify" });
    upload.json = rest;
    notify ||= value;
  }
  return notify;
}

export function batchRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.post(
    "/",
    requireScope(deps, "issue"),
    bodyLimit({
      maxSize: MAX_BATCH_BYTES,
      onError: (c) =>
        problemResponse(c, new AppError("ERR_BODY_TOO_LARGE", `The upload exceeds ${MAX_BATCH_BYTES} bytes`)),
    }),
    async (c) => {
      const type = (c.req.header("content-type") ?? "").toLowerCase();
      let upload: { csv: Uint8Array } | { json: unknown };
      if (type.startsWith("text/csv")) upload = { csv: new Uint8Array(await c.req.arrayBuffer()) };
      else if (type.startsWith("application/json")) {
        try {
          upload = { json: JSON.parse(await c.req.text()) };
        } catch {
          throw new AppError("ERR_MALFORMED_JSON", "The request body is not valid JSON");
        }
      } else
        throw new AppError("ERR_UNSUPPORTED_MEDIA_TYPE", "Upload text/csv or application/json", {
          field: "Content-Type",
        });
      const notify = notifyOption(c.req.query("notify"), upload);
      const rows = await parseUpload(deps, upload);
      const id = await createBatch(deps, "csv" in upload ? "csv" : "json", rows, who(c), notify);
      // Start right away; the rest is driven by POST /admin/batches/{id}/process (the CLI does it).
      await processBatch(deps, id, who(c));
      const report = (await batchReport(deps, id))!;
      c.header("Location", `/admin/batches/${id}`);
      return c.json({ ...report, rows: undefined, process: `/admin/batches/${id}/process` }, 202);
    },
  );

  app.post("/:id/process", requireScope(deps, "issue"), async (c) => {
    const id = c.req.param("id");
    if (!(await batchReport(deps, id))) throw new AppError("ERR_NOT_FOUND", "No batch with this id");
    const settled = await processBatch(deps, id, who(c));
    const report = (await batchReport(deps, id))!;
    return c.json({ ...report, rows: undefined, settled });
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
