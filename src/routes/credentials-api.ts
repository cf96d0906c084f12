/** W3C VC-API: issue (admin) and verify (public). */
import { Hono } from "hono";
import type { AppEnv } from "./env";
import type { CertificateRequest } from "../domain/types";
import type { VcApiIssueRequest } from "../lib/request-types.generated";
import { AppError } from "../errors";
import type { AppDeps } from "../services/context";
import { issueCertificate } from "../services/issue-certificate";
import { verifyCredential } from "../services/verify-credential";
import { verifyPdf } from "../services/certificate-pdf";
import type { VerificationResult } from "../domain/types";
import { requireAdmin, who } from "./admin-auth";
import { jsonBody, readJson } from "./http";
import { validate } from "../adapters/validation/schemas";
import type { SchemaTypes } from "../lib/request-types.generated";
import { checkDataModel, issueVcApiCredential } from "../services/issue-vc-api";

/** A request for a WeGO certificate (OB 3.0 types); anything else is a plain VC-API credential. */
function isCertificateRequest(credential: Record<string, unknown>): boolean {
  const types = [credential.type].flat();
  return types.includes("OpenBadgeCredential") || types.includes("AchievementCredential");
}

/** Maps a VC-API request credential to the admin issuance request, naming the field at fault. */
function certificateRequestOf(deps: AppDeps, credential: VcApiIssueRequest["credential"]): CertificateRequest {
  const issuerId = typeof credential.issuer === "string" ? credential.issuer : credential.issuer?.id;
  if (issuerId !== undefined && issuerId !== deps.config.issuerDid)
    throw new AppError("ERR_VALIDATION", `credential.issuer: must be ${deps.config.issuerDid}`, {
      field: "credential.issuer",
    });
  const prefix = `${deps.config.baseUrl}/achievements/`;
  const achievementUrl = credential.credentialSubject.achievement.id;
  const field = "credential.credentialSubject.achievement.id";
  if (!achievementUrl.startsWith(prefix))
    throw new AppError("ERR_VALIDATION", `${field}: must be a catalogue achievement, ${prefix}<id>`, { field });
  const subject = credential.credentialSubject;
  return {
    recipient: { name: subject.name, email: subject.identifier[0].identityHash },
    achievementId: achievementUrl.slice(prefix.length),
    ...(credential.validUntil ? { validUntil: credential.validUntil } : {}),
  };
}

/** Admin-request field names → the VC-API request's own, so a 400 names what the caller sent. */
const VC_API_FIELD: Record<string, string> = {
  "recipient.name": "credential.credentialSubject.name",
  "recipient.email": "credential.credentialSubject.identifier.0.identityHash",
  achievementId: "credential.credentialSubject.achievement.id",
  validUntil: "credential.validUntil",
};

function renameField(e: unknown): unknown {
  if (!(e instanceof AppError) || !e.field || !VC_API_FIELD[e.field]) return e;
  const field = VC_API_FIELD[e.field]!;
  return new AppError(e.code, e.message.replace(e.field, field), { field, headers: e.headers, cause: e });
}

export function credentialsApiRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  // Every signature by WeGO's key is a certificate on record: VC-API issuance is the admin
  // issuance path (stored, audited, with status entries, catalogue achievements only), with the
  // request written as a VC-API credential.
  // Any other credential the VC 2.0 data model allows is signed as given, and recorded, audited and
  // revocable the same way (services/issue-vc-api.ts); it is never a certificate.
  app.post("/credentials/issue", requireAdmin(deps), jsonBody("vc-api-issue-credential-request"), async (c) => {
    const body = c.req.valid("json");
    let issued;
    if (!isCertificateRequest(body.credential)) {
      issued = await issueVcApiCredential(deps, body.credential, who(c));
    } else {
      // The service fills in the issuer of a certificate request when it is left out.
      checkDataModel({ issuer: deps.config.issuerDid, ...body.credential });
      const errors = validate("vc-api-issue-request", body);
      if (errors.length)
        throw new AppError("ERR_VALIDATION", errors.map((e) => `${e.field}: ${e.message}`).join("; "), {
          field: errors[0]!.field,
          errors,
        });
      const request = certificateRequestOf(deps, (body as unknown as SchemaTypes["vc-api-issue-request"]).credential);
      issued = await issueCertificate(deps, request, who(c)).catch((e: unknown) => {
        throw renameField(e);
      });
    }
    c.header("Location", issued.url);
    return c.json({ verifiableCredential: issued.credential }, 201);
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
      const body = await readJson(c, "vc-api-verify-request");
      result = await verifyCredential(deps, body.verifiableCredential, { ...body.options, vcApiCredentials: true });
    }
    if (result.verdict === "could-not-check") c.header("Retry-After", "5");
    const { credential: _credential, warnings = [], ...summary } = result;
    // VC-API verify response: verified, checks, warnings, errors (plus WeGO's verdict and details).
    return c.json({ ...summary, warnings }, result.verified ? 200 : result.verdict === "could-not-check" ? 503 : 400);
  });
  return app;
}
