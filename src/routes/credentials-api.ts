/** W3C VC-API: issue (admin) and verify (public). */
import { Hono } from "hono";
import type { AppEnv } from "./env";
import { isoSeconds, wegoIssuer } from "../domain/credential";
import { AppError } from "../errors";
import type { AppDeps } from "../services/context";
import { signCredential } from "../services/issue-certificate";
import { verifyCredential } from "../services/verify-credential";
import { verifyPdf } from "../services/certificate-pdf";
import type { VerificationResult } from "../domain/types";
import { requireAdmin } from "./admin-auth";
import { readJson } from "./http";

export function credentialsApiRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.post("/credentials/issue", requireAdmin(deps), async (c) => {
    const body = await readJson<{ credential: Record<string, unknown> }>(c, "vc-api-issue-request");
    const credential = { ...body.credential };
    if (credential.proof !== undefined)
      throw new AppError("ERR_VALIDATION", "credential.proof: must be absent; the service adds the proof", {
        field: "credential.proof",
      });
    const issuer = credential.issuer;
    const issuerId = typeof issuer === "string" ? issuer : (issuer as { id?: string } | undefined)?.id;
    if (issuerId !== deps.config.issuerDid)
      throw new AppError("ERR_VALIDATION", `credential.issuer: must be ${deps.config.issuerDid}`, {
        field: "credential.issuer",
      });
    if (typeof issuer === "string") credential.issuer = { ...wegoIssuer(issuerId), type: ["Profile"] };
    const now = deps.clock();
    credential.validFrom ??= isoSeconds(now);
    try {
      const { credential: verifiableCredential } = await signCredential(deps, credential, now);
      return c.json({ verifiableCredential }, 201);
    } catch (e) {
      if (e instanceof AppError) throw e;
      // Canonicalization in safe mode refuses terms the contexts do not define (they would be unsigned).
      throw new AppError(
        "ERR_VALIDATION",
        `credential: cannot be signed: ${e instanceof Error ? e.message : "invalid JSON-LD"}`,
        {
          field: "credential",
        },
      );
    }
  });

  app.post("/credentials/verify", async (c) => {
    const type = (c.req.header("content-type") ?? "").toLowerCase();
    let result: VerificationResult;
    if (type.startsWith("application/pdf")) result = await verifyPdf(deps, new Uint8Array(await c.req.arrayBuffer()));
    else if (type.startsWith("multipart/form-data")) {
      const form = await c.req.formData().catch(() => {
        throw new AppError("ERR_VALIDATION", "file: the multipart body could not be read", { field: "file" });
      });
      const file = form.get("file") as unknown as Blob | string | null;
      if (!file || typeof file === "string")
        throw new AppError("ERR_VALIDATION", 'file: attach the certificate PDF as the form field "file"', {
          field: "file",
        });
      result = await verifyPdf(deps, new Uint8Array(await file.arrayBuffer()));
    } else {
      const body = await readJson<{ verifiableCredential: unknown }>(c, "vc-api-verify-request");
      result = await verifyCredential(deps, body.verifiableCredential);
    }
    if (result.verdict === "could-not-check") c.header("Retry-After", "5");
    const { credential: _credential, ...summary } = result;
    return c.json(summary, result.verified ? 200 : result.verdict === "could-not-check" ? 503 : 400);
  });
  return app;
}
