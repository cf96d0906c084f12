/** Admin API: issuing, status changes, corrections, catalogue, tokens, audit log, batches. */
import { Hono, type Context } from "hono";
import { insertAchievement } from "../adapters/storage/achievement-repository";
import { auditInsert, listAudit } from "../adapters/storage/audit-repository";
import { findCertificate, setCertificateLanguage } from "../adapters/storage/certificate-repository";
import { runBatch } from "../adapters/storage/database";
import { listTokens } from "../adapters/storage/token-repository";
import { AppError } from "../errors";
import type { AppDeps } from "../services/context";
import { achievementRecord } from "../services/catalogue-edit";
import { describeCertificate, issueCertificate } from "../services/issue-certificate";
import { changeCertificateStatus, reissueCertificate, type StatusChange } from "../services/status";
import { keyRoutes } from "./admin-keys";
import { createToken, revokeToken } from "../services/tokens";
import { actorOf, requireScope, who, type Scope } from "./admin-auth";
import { batchRoutes } from "./admin-batches";
import { sourceRoutes } from "./admin-sources";
import { deliveryRoutes } from "./admin-deliveries";
import { certificateDeliveries } from "../services/deliveries";
import { catalogueRoutes } from "./admin-catalogue";
import { certificateListRoutes } from "./admin-certificates";
import type { AppEnv } from "./env";
import { CERTIFICATE_ID, jsonBody } from "./http";

function certificateId(c: Context): string {
  const id = c.req.param("id") ?? "";
  if (!CERTIFICATE_ID.test(id)) throw new AppError("ERR_NOT_FOUND", "No certificate with this id");
  return id;
}

export function adminRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const scope = (s: Scope) => requireScope(deps, s);
  // First: its fixed paths (/certificates, /certificates/pdfs.zip) must not be read as ids.
  app.route("/", certificateListRoutes(deps));
  app.route("/", catalogueRoutes(deps));

  app.post("/certificates", scope("issue"), jsonBody("issue-certificate-request"), async (c) => {
    const key = c.req.header("idempotency-key");
    if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key))
      throw new AppError("ERR_VALIDATION", "Idempotency-Key: must be 1 to 255 visible ASCII characters", {
        field: "Idempotency-Key",
      });
    const issued = await issueCertificate(deps, c.req.valid("json"), who(c), key);
    c.header("Location", issued.url);
    if (issued.replayed) c.header("Idempotent-Replayed", "true");
    const { replayed: _r, ...out } = issued;
    return c.json(out, 201);
  });

  app.get("/certificates/:id", scope("read"), async (c) => {
    const row = await findCertificate(deps.store, certificateId(c));
    if (!row) throw new AppError("ERR_NOT_FOUND", "No certificate with this id");
    return c.json({
      ...describeCertificate(deps, row),
      replayed: undefined,
      recipientName: row.recipient_name,
      achievementId: row.achievement_id,
      issuedAt: row.issued_at,
      validUntil: row.valid_until,
      keyId: row.key_id,
      status: row.status,
      statusReason: row.status_reason,
      statusNote: row.status_note,
      statusChangedAt: row.status_changed_at,
      supersededBy: row.superseded_by,
      supersedes: row.supersedes,
      externalId: row.external_id,
      batchId: row.batch_id,
      language: row.language,
      // Whether an address is on record (issued after email delivery and not erased); never the address.
      emailOnRecord: row.email_ciphertext !== null,
      deliveries: await certificateDeliveries(deps, row.id),
    });
  });

  for (const transition of ["revoke", "suspend", "unsuspend"] as const) {
    app.post(`/certificates/:id/${transition}`, scope("revoke"), jsonBody("status-change-request"), async (c) => {
      const change: StatusChange = c.req.valid("json");
      return c.json(await changeCertificateStatus(deps, certificateId(c), transition, change, who(c)));
    });
  }

  // The language the certificate's PDF is printed in by default (en or ko); audited.
  app.put("/certificates/:id/language", scope("issue"), jsonBody("certificate-language-request"), async (c) => {
    const id = certificateId(c);
    const { language } = c.req.valid("json");
    const before = await findCertificate(deps.store, id);
    if (!before) throw new AppError("ERR_NOT_FOUND", "No certificate with this id");
    await setCertificateLanguage(deps.store, id, language);
    const at = deps.clock().toISOString();
    await auditInsert(deps.store, {
      ...who(c),
      action: "certificate.language",
      target: id,
      before: { language: before.language ?? "en" },
      after: { language },
      at,
    }).execute();
    return c.json({ id, language, pdf: `${deps.config.baseUrl}/c/${id}.pdf` });
  });

  app.post("/certificates/:id/reissue", scope("revoke"), jsonBody("issue-certificate-request"), async (c) => {
    if (!actorOf(c).scopes.some((s) => s === "issue" || s === "admin"))
      throw new AppError("ERR_FORBIDDEN", 'Reissuing needs the "issue" scope as well', { field: "Authorization" });
    const issued = await reissueCertificate(deps, certificateId(c), c.req.valid("json"), who(c));
    c.header("Location", issued.url);
    const { replayed: _r, ...out } = issued;
    return c.json(out, 201);
  });

  app.post("/achievements", scope("admin"), jsonBody("create-achievement-request"), async (c) => {
    const record = achievementRecord(c.req.valid("json"));
    if (!(await insertAchievement(deps.store, record, deps.clock())))
      throw new AppError("ERR_CONFLICT", `id: achievement "${record.id}" already exists`, { field: "id" });
    await runBatch(deps.store, [
      auditInsert(deps.store, {
        ...who(c),
        action: "achievement.create",
        target: record.id,
        at: deps.clock().toISOString(),
        after: record,
      }),
    ]);
    return c.json(record, 201);
  });

  app.post("/tokens", scope("admin"), jsonBody("create-token-request"), async (c) => {
    const created = await createToken(deps, c.req.valid("json"), who(c));
    return c.json({ ...created, note: "Shown once; only its hash is stored." }, 201);
  });

  app.get("/tokens", scope("admin"), async (c) =>
    c.json({ tokens: (await listTokens(deps.store)).map((t) => ({ ...t, scopes: JSON.parse(t.scopes) })) }),
  );

  app.post("/tokens/:id/revoke", scope("admin"), async (c) =>
    c.json(await revokeToken(deps, c.req.param("id"), who(c))),
  );

  app.get("/audit", scope("read"), async (c) => {
    const limitText = c.req.query("limit") ?? "50";
    const beforeText = c.req.query("before");
    const limit = Number(limitText);
    const before = beforeText === undefined ? undefined : Number(beforeText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500)
      throw new AppError("ERR_VALIDATION", "limit: must be an integer from 1 to 500", { field: "limit" });
    if (before !== undefined && (!Number.isInteger(before) || before < 1))
      throw new AppError("ERR_VALIDATION", "before: must be a positive integer (a seq from a previous page)", {
        field: "before",
      });
    const entries = await listAudit(deps.store, { limit, beforeSeq: before, action: c.req.query("action") });
    const last = entries[entries.length - 1];
    return c.json({
      entries,
      next: entries.length === limit && last ? `/admin/audit?limit=${limit}&before=${last.seq}` : null,
    });
  });

  app.route("/", deliveryRoutes(deps));
  app.route("/batches", batchRoutes(deps));
  app.route("/keys", keyRoutes(deps));
  app.route("/", sourceRoutes(deps));
  return app;
}
