/** OpenAPI 3.1 description of the service, built from the JSON Schemas in `schemas/`. */
import { SCHEMAS } from "../adapters/validation/schemas";
import { completionPaths } from "./openapi-completions";
import { deliveryPaths } from "./openapi-deliveries";
import { adminConsolePaths } from "./openapi-admin";
import { bearer, err, json } from "./openapi-parts";
import { publicReadPaths } from "./openapi-public";

/** The OpenAPI document for a deployment at `baseUrl`. */
export function openApiDocument(baseUrl: string): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    const { $schema: _s, $id: _i, ...rest } = schema as Record<string, unknown>;
    schemas[name] = rest;
  }
  // Inside components, cross-schema references point at the component.
  const fixRefs = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(fixRefs)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v).map(([k, x]) =>
              k === "$ref" && x === "https://wego.example/schemas/credential.json"
                ? [k, "#/components/schemas/credential"]
                : k === "$ref" && typeof x === "string" && x.startsWith("#/$defs/")
                  ? [k, x.replace("#/$defs/", "#/components/schemas/credential/$defs/")]
                  : [k, fixRefs(x)],
            ),
          )
        : v;
  const verification = {
    type: "object",
    required: ["verified", "checks", "warnings", "errors", "verdict"],
    properties: {
      verified: { type: "boolean" },
      verdict: { enum: ["valid", "invalid", "revoked", "suspended", "expired", "not-yet-valid", "could-not-check"] },
      format: { enum: ["data-integrity", "vc-jwt"] },
      checks: { type: "array", items: { $ref: "#/components/schemas/Check" } },
      warnings: { type: "array", items: { $ref: "#/components/schemas/Check" } },
      errors: { type: "array", items: { $ref: "#/components/schemas/Check" } },
    },
  };
  const common = {
    "400": err("Malformed JSON, unknown or invalid field"),
    "413": err("Body too large"),
    "415": err("Not JSON"),
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "WeGO certificate service",
      version: "1.0.0",
      description:
        "Issues and verifies WeGO certificates as W3C Verifiable Credentials 2.0 / Open Badges 3.0 (eddsa-rdfc-2022 Data Integrity proofs and VC-JWT). Errors are RFC 9457 problem documents with a stable `code`.",
    },
    servers: [{ url: baseUrl }],
    components: {
      securitySchemes: { adminToken: { type: "http", scheme: "bearer" } },
      schemas: {
        ...(fixRefs(schemas) as Record<string, unknown>),
        Problem: {
          type: "object",
          required: ["type", "title", "status", "code", "detail"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            code: { type: "string", examples: ["ERR_VALIDATION"] },
            detail: { type: "string" },
            field: { type: "string" },
            errors: {
              type: "array",
              items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } },
            },
            instance: { type: "string" },
          },
        },
        Check: {
          type: "object",
          required: ["check", "status", "code", "message"],
          properties: {
            check: { enum: ["format", "issuer-key", "signature", "validity", "status"] },
            status: { enum: ["passed", "failed", "could-not-check"] },
            code: { type: "string" },
            message: { type: "string" },
          },
        },
        VerificationResult: verification,
        IssuedCertificate: {
          type: "object",
          properties: {
            id: { type: "string" },
            url: { type: "string" },
            pdfUrl: { type: "string" },
            jwtUrl: { type: "string" },
            credential: { $ref: "#/components/schemas/credential" },
          },
        },
      },
    },
    paths: {
      ...adminConsolePaths,
      "/admin/certificates": {
        ...(adminConsolePaths["/admin/certificates"] as Record<string, unknown>),
        post: {
          summary: "Issue one certificate",
          security: bearer,
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              schema: { type: "string", maxLength: 255 },
              description: "Retries with the same key return the first certificate; a different body gives 422.",
            },
          ],
          requestBody: {
            required: true,
            content: json(
              { $ref: "#/components/schemas/issue-certificate-request" },
              SCHEMAS["issue-certificate-request"].examples[0],
            ),
          },
          responses: {
            "201": {
              description: "Issued (or replayed)",
              content: json({ $ref: "#/components/schemas/IssuedCertificate" }),
            },
            ...common,
            "401": err("Missing or unknown token"),
            "422": err("Unknown achievement, or Idempotency-Key reused with another body"),
            "503": err("Store unavailable; retry after Retry-After"),
          },
        },
      },
      "/admin/achievements": {
        get: {
          summary: "The catalogue with certificates issued per achievement",
          security: bearer,
          responses: { "200": { description: "{ achievements: [{ …, certificates, editable }] }" } },
        },
        post: {
          summary: "Add an achievement to the catalogue",
          security: bearer,
          requestBody: { required: true, content: json({ $ref: "#/components/schemas/create-achievement-request" }) },
          responses: {
            "201": { description: "Created" },
            ...common,
            "401": err("Missing or unknown token"),
            "409": err("Id taken"),
          },
        },
      },
      "/credentials/issue": {
        post: {
          summary: "VC-API: sign a credential as WeGO",
          security: bearer,
          description:
            "A WeGO certificate (type OpenBadgeCredential: vc-api-issue-request) or any other credential the VC 2.0 or VC 1.1 data model allows (vc-api-issue-credential-request); both are recorded, audited and revocable.",
          requestBody: {
            required: true,
            content: json({
              oneOf: [
                { $ref: "#/components/schemas/vc-api-issue-request" },
                { $ref: "#/components/schemas/vc-api-issue-credential-request" },
              ],
            }),
          },
          responses: {
            "201": { description: "{ verifiableCredential }" },
            ...common,
            "401": err("Missing or unknown token"),
          },
        },
      },
      "/credentials/verify": {
        post: {
          summary: "VC-API: verify a credential (embedded proof or VC-JWT)",
          requestBody: { required: true, content: json({ $ref: "#/components/schemas/vc-api-verify-request" }) },
          responses: {
            "200": { description: "Verified", content: json({ $ref: "#/components/schemas/VerificationResult" }) },
            "400": {
              description:
                "Not verified (verified: false with checks and errors), or a malformed request (problem+json)",
              content: {
                ...json({ $ref: "#/components/schemas/VerificationResult" }),
                ...err("").content,
              },
            },
            "503": {
              description: "Could not check now (status unavailable)",
              content: json({ $ref: "#/components/schemas/VerificationResult" }),
            },
          },
        },
      },
      "/presentations/verify": {
        post: {
          summary: "VC-API: verify a presentation (the holder's proof, then each credential, issuer-pinned)",
          requestBody: {
            required: true,
            content: json({ $ref: "#/components/schemas/vc-api-verify-presentation-request" }),
          },
          responses: {
            "200": { description: "Verified: { verified, checks, warnings, errors, credentialResults }" },
            "400": {
              description: "Not verified (verified: false, the failed checks in errors), or a malformed request",
            },
            "503": { description: "A check could not run now (e.g. a status list)" },
          },
        },
      },
      ...publicReadPaths(),
      ...completionPaths(),
      ...deliveryPaths(),
    },
  };
}
