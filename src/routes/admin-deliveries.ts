/**
 * Admin API for email delivery and participants' personal data: send / resend per certificate and
 * per batch, a certificate's delivery records, search by email (blind index) and erasure.
 */
import { Hono, type Context } from "hono";
import { certificatesByEmailIndex } from "../adapters/storage/certificate-lookup";
import { AppError } from "../errors";
import { sendBatch } from "../services/batch-deliveries";
import type { AppDeps } from "../services/context";
import { certificateDeliveries, sendCertificate } from "../services/deliveries";
import { eraseParticipant } from "../services/erasure";
import { describeCertificate } from "../services/issue-certificate";
import { requireScope, who } from "./admin-auth";
import type { AppEnv } from "./env";
import { CERTIFICATE_ID, jsonBody } from "./http";

function certificateId(c: Context): string {
  const id = c.req.param("id") ?? "";
  if (!CERTIFICATE_ID.test(id)) throw new AppError("ERR_NOT_FOUND", "No certificate with this id");
  return id;
}

export function deliveryRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  for (const action of ["send", "resend"] as const) {
    app.post(`/certificates/:id/${action}`, requireScope(deps, "issue"), async (c) => {
      const { delivery, created } = await sendCertificate(deps, certificateId(c), action === "resend", who(c));
      return c.json(delivery, created ? 202 : 200);
    });
    app.post(`/batches/:id/${action}`, requireScope(deps, "issue"), async (c) =>
      c.json(await sendBatch(deps, c.req.param("id"), action === "resend", who(c)), 202),
    );
  }

  app.get("/certificates/:id/deliveries", requireScope(deps, "read"), async (c) =>
    c.json({ deliveries: await certificateDeliveries(deps, certificateId(c)) }),
  );

  // Exact search by address (the console's search): through the blind index, never a scan.
  app.get("/participants", requireScope(deps, "read"), async (c) => {
    const email = (c.req.query("email") ?? "").trim();
    if (!/^[^@\s]{1,64}@[^@\s]{1,189}$/.test(email))
      throw new AppError("ERR_VALIDATION", "email: give the participant's email address", { field: "email" });
    const rows = await certificatesByEmailIndex(deps.store, await (await deps.vault()).index(email));
    return c.json({
      certificates: rows.map((r) => ({
        id: r.id,
        url: describeCertificate(deps, r).url,
        recipientName: r.recipient_name,
        achievementId: r.achievement_id,
        issuedAt: r.issued_at,
        status: r.status,
        language: r.language,
      })),
    });
  });

  app.post("/participants/erase", requireScope(deps, "admin"), jsonBody("erase-participant-request"), async (c) => {
    const body = c.req.valid("json");
    if ((body.email === undefined) === (body.certificateId === undefined))
      throw new AppError("ERR_VALIDATION", "email or certificateId: give exactly one", { field: "email" });
    if (body.revoke && !body.reason)
      throw new AppError("ERR_VALIDATION", "reason: required when revoke is true", { field: "reason" });
    const target = body.email !== undefined ? { email: body.email } : { certificateId: body.certificateId! };
    const result = await eraseParticipant(
      deps,
      target,
      body.revoke ? { reason: body.reason!, ...(body.note ? { note: body.note } : {}) } : null,
      who(c),
    );
    return c.json(result);
  });

  return app;
}
