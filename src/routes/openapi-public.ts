/** OpenAPI paths of the public reads: certificates, the catalogue, codes, keys, health (merged by openapi.ts). */
import { err } from "./openapi-parts";

/** The paths, merged into the document by routes/openapi.ts. */
export function publicReadPaths(): Record<string, unknown> {
  return {
    "/c/{id}": {
      get: {
        summary: "The signed credential of a certificate",
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9_-]{22}$" } },
        ],
        responses: { "200": { description: "OB3 credential (JSON)" }, "404": err("No such certificate") },
      },
    },
    "/c/{id}.jwt": {
      get: {
        summary: "The certificate as a VC-JWT",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "application/vc+jwt" }, "404": err("No such certificate") },
      },
    },
    "/achievements": { get: { summary: "The catalogue", responses: { "200": { description: "Achievements" } } } },
    "/achievements/{id}": {
      get: {
        summary: "One achievement",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "OB3 Achievement" }, "404": err("Unknown") },
      },
    },
    "/codes/{code}": {
      get: {
        summary: "The certificate a printed verification code belongs to",
        description:
          "The short code printed on a certificate (e.g. WEGO-7KQ4-M2XD), in any case, with or without dashes, " +
          "spaces or the WEGO prefix; O, I and L read as 0, 1 and 1. A mistyped code (wrong check character) is " +
          "a 400, a valid code no certificate has a 404.",
        parameters: [{ name: "code", in: "path", required: true, schema: { type: "string", maxLength: 40 } }],
        responses: {
          "200": { description: "{ code, certificateId, url, credential, pdf }" },
          "400": err("Not a valid code (field code)"),
          "404": err("No certificate has this code"),
        },
      },
    },
    "/.well-known/did.json": {
      get: { summary: "did:web DID document", responses: { "200": { description: "DID document" } } },
    },
    "/.well-known/jwks.json": {
      get: { summary: "Issuer public keys (JWKS)", responses: { "200": { description: "JWK Set" } } },
    },
    "/health": {
      get: {
        summary: "Liveness and database check",
        responses: { "200": { description: "ok" }, "503": err("Database down") },
      },
    },
    "/openapi.json": { get: { summary: "This document", responses: { "200": { description: "OpenAPI 3.1" } } } },
  };
}
