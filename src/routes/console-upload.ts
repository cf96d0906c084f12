/**
 * Cohort upload in the console (scope `issue`): choose a CSV or .xlsx file, check it (column
 * mapping, every row's problems), issue the valid rows, watch the progress, download the results
 * and the print pack. Same services as POST /admin/batches/preview and POST /admin/batches.
 */
import { Hono } from "hono";
import { base64urlDecode, base64urlEncode } from "../lib/encoding";
import { AppError } from "../errors";
import { renderBatch } from "../pages/console/batch";
import { renderPreview, renderUploadForm, type CarriedFile } from "../pages/console/upload";
import { previewUpload } from "../services/batch-preview";
import { parseUpload, type Upload, type UploadOptions } from "../services/batch-upload";
import { sendBatch } from "../services/batch-deliveries";
import { batchReport, createBatch, processBatch, reportCsv } from "../services/batches";
import { auditDownload } from "../services/certificate-search";
import type { AppDeps } from "../services/context";
import { batchPackEntries, printPack } from "../services/print-pack";
import { MAX_BATCH_BYTES } from "./admin-batches";
import { zipHeaders } from "./admin-certificates";
import { programmeOptions } from "./console-forms";
import { refusingBodyLimit } from "./http";
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

const FIELDS = ["name", "email", "achievementId", "externalId", "validUntil"];

function kindOf(name: string, type: string): Upload["kind"] | null {
  if (/\.xlsx$/i.test(name) || type.startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml"))
    return "xlsx";
  if (/\.csv$/i.test(name) || type.startsWith("text/csv")) return "csv";
  return null;
}

/** The file and options of a step: a fresh multipart upload, or the file carried in hidden fields. */
async function readStep(c: ConsoleContext): Promise<CarriedFile> {
  const body = await c.req.parseBody({ all: true });
  const text = (k: string) => (typeof body[k] === "string" ? (body[k] as string).trim() : "");
  const mapping: Record<string, string> = {};
  for (const [k, v] of Object.entries(body))
    if (k.startsWith("map:") && typeof v === "string") mapping[k.slice(4)] = FIELDS.includes(v) ? v : "";
  if (!Object.keys(mapping).length && text("mapping")) {
    try {
      Object.assign(mapping, JSON.parse(text("mapping")) as Record<string, string>);
    } catch {
      throw new AppError("ERR_VALIDATION", "mapping: not valid", { field: "mapping" });
    }
  }
  const base = { achievementId: text("achievementId"), validUntil: text("validUntil"), mapping };
  const file = body.file;
  if (file instanceof File && file.size > 0) {
    const kind = kindOf(file.name, file.type.toLowerCase());
    if (!kind)
      throw new AppError("ERR_UNSUPPORTED_MEDIA_TYPE", "file: choose an .xlsx or .csv file", { field: "file" });
    return { name: file.name, kind, data: base64urlEncode(new Uint8Array(await file.arrayBuffer())), ...base };
  }
  const kind = text("fileKind");
  if ((kind !== "csv" && kind !== "xlsx") || !text("fileData"))
    throw new AppError("ERR_VALIDATION", "file: choose an .xlsx or .csv file", { field: "file" });
  return { name: text("fileName").slice(0, 200), kind, data: text("fileData"), ...base };
}

function toService(f: CarriedFile): { upload: Upload; options: UploadOptions } {
  const bytes = base64urlDecode(f.data);
  if (!bytes)
    throw new AppError("ERR_VALIDATION", "file: the carried file is damaged; upload it again", { field: "file" });
  const columnMapping = Object.keys(f.mapping).length
    ? Object.fromEntries(Object.entries(f.mapping).map(([h, v]) => [h, v ? (v as never) : null]))
    : undefined;
  return {
    upload: { kind: f.kind as "csv" | "xlsx", bytes },
    options: {
      columnMapping,
      achievementId: f.achievementId || undefined,
      validUntil: f.validUntil || undefined,
    },
  };
}

/** The API's upload limit, plus a third for the file carried in base64 between the steps. */
export const consoleUploadLimit = refusingBodyLimit(Math.ceil((MAX_BATCH_BYTES * 4) / 3) + 64 * 1024, () => {
  throw new AppError("ERR_BODY_TOO_LARGE", `The file exceeds ${MAX_BATCH_BYTES / 1024 / 1024} MiB`);
});

export function consoleUploadRoutes(deps: AppDeps) {
  const app = new Hono<ConsoleEnv>();
  const pageOf = (c: ConsoleContext) => ({ ...c.get("page"), section: "/console/upload" });

  app.get("/upload", async (c) => {
    needScope(c, "issue");
    return htmlPage(c, renderUploadForm(pageOf(c), await programmeOptions(deps)));
  });

  app.post("/upload/preview", async (c) => {
    needScope(c, "issue");
    const file = await readStep(c);
    const { upload, options } = toService(file);
    const preview = await previewUpload(deps, upload, options);
    const p = pageOf(c);
    return htmlPage(
      c,
      renderPreview(p, { file, preview, programmes: await programmeOptions(deps) }),
      preview.ready ? 200 : 400,
    );
  });

  app.post("/upload/issue", async (c) => {
    needScope(c, "issue");
    const { upload, options } = toService(await readStep(c));
    const rows = await parseUpload(deps, upload, options);
    // As `notify` on POST /admin/batches: each certificate is emailed once, when it is signed.
    const notify = field(await formFields(c), "notify") === "yes";
    const id = await createBatch(deps, upload.kind, rows, consoleWho(c), notify);
    await processBatch(deps, id, consoleWho(c));
    return c.redirect(`/console/batches/${id}`, 303);
  });

  app.get("/batches/:id", async (c) => {
    const id = c.req.param("id");
    let report = await batchReport(deps, id);
    if (!report) throw new AppError("ERR_NOT_FOUND", "No batch with this id");
    // Signing continues a chunk per page load while rows are pending (the page refreshes itself);
    // only a signed-in user with the issue scope moves it on, and SameSite=Strict keeps other sites out.
    if (!report.done && (c.get("user").scopes.includes("issue") || c.get("user").scopes.includes("admin"))) {
      await processBatch(deps, id, consoleWho(c));
      report = (await batchReport(deps, id))!;
    }
    const q = c.req.query();
    const count = (v: string | undefined) => (v && /^\d{1,7}$/.test(v) ? Number(v) : 0);
    const sent =
      q.queued !== undefined
        ? { queued: count(q.queued), alreadyRequested: count(q.already), skipped: count(q.skipped) }
        : undefined;
    return htmlPage(c, renderBatch(pageOf(c), report, { canSend: userCan(c, "issue"), sent }));
  });

  // Email a whole upload, as POST /admin/batches/{id}/send|resend (audited by the service).
  for (const kind of ["send", "resend"] as const) {
    app.post(`/batches/:id/${kind}`, async (c) => {
      needScope(c, "issue");
      const id = c.req.param("id");
      const r = await sendBatch(deps, id, kind === "resend", consoleWho(c));
      const q = new URLSearchParams({
        queued: String(r.queued),
        already: String(r.alreadyRequested),
        skipped: String(r.skipped),
      });
      return c.redirect(`/console/batches/${encodeURIComponent(id)}?${q}`, 303);
    });
  }

  app.get("/batches/:id/results.csv", async (c) => {
    const report = await batchReport(deps, c.req.param("id"));
    if (!report) throw new AppError("ERR_NOT_FOUND", "No batch with this id");
    return c.body(reportCsv(report), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="batch-${report.id}.csv"`,
    });
  });

  app.get("/batches/:id/pdfs.zip", async (c) => {
    const id = c.req.param("id");
    const entries = await batchPackEntries(deps, id);
    const stream = await printPack(deps, entries);
    await auditDownload(deps, consoleWho(c), "certificates.print-pack", { batchId: id, certificates: entries.length });
    return c.body(stream, 200, zipHeaders(`wego-certificates-batch-${id}.zip`));
  });
  return app;
}
