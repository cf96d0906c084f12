/** OpenAPI paths of the learning-platform endpoints (README "Learning platforms"). */
import { SCHEMAS } from "../adapters/validation/schemas";
import { adminAuth, bearer, err } from "./openapi-parts";

const body = (name: keyof typeof SCHEMAS) => ({
  required: true,
  content: { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } },
});
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const sourceParam = { name: "source", in: "path", required: true, schema: { type: "string" } };
const admin = adminAuth;

/** The paths, merged into the document by routes/openapi.ts. */
export function completionPaths(): Record<string, unknown> {
  return {
    "/admin/sources": {
      post: {
        summary: "Register a learning platform (secrets in the answer, once)",
        security: bearer,
        requestBody: body("create-source-request"),
        responses: {
          "201": { description: "{ source, secrets: { webhook, claim? }, note }" },
          "400": err("Invalid field"),
          ...admin,
          "409": err("Id taken"),
          "422": err("A course maps to an unknown achievement"),
        },
      },
      get: {
        summary: "Sources (no secret material)",
        security: bearer,
        responses: { "200": { description: "{ sources }" }, ...admin },
      },
    },
    "/admin/sources/{id}": {
      get: {
        summary: "One source",
        security: bearer,
        parameters: [idParam],
        responses: { "200": { description: "Source" }, ...admin, "404": err("ERR_UNKNOWN_SOURCE") },
      },
      patch: {
        summary: "Change settings or replace the course mapping",
        security: bearer,
        parameters: [idParam],
        requestBody: body("update-source-request"),
        responses: {
          "200": { description: "Source" },
          "400": err("Invalid field"),
          ...admin,
          "404": err("ERR_UNKNOWN_SOURCE"),
        },
      },
    },
    "/admin/sources/{id}/keys": {
      post: {
        summary: "Rotate the webhook secret or claim key (previous keys valid for graceSeconds)",
        security: bearer,
        parameters: [idParam],
        requestBody: body("create-source-key-request"),
        responses: {
          "201": { description: "{ id, purpose, secret?, previousKeysExpireAt }" },
          ...admin,
          "404": err("ERR_UNKNOWN_SOURCE"),
        },
      },
    },
    "/admin/completion-events": {
      get: {
        summary: "Completion events, newest first, with outcomes",
        security: bearer,
        parameters: ["source", "outcome", "limit", "before"].map((name) => ({
          name,
          in: "query",
          schema: { type: "string" },
        })),
        responses: { "200": { description: "{ events, next }" }, "400": err("Invalid parameter"), ...admin },
      },
    },
    "/hooks/completions/{source}": {
      post: {
        summary: "A platform's course-completed event, signed per Standard Webhooks",
        parameters: [
          sourceParam,
          ...["webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => ({
            name,
            in: "header",
            required: true,
            schema: { type: "string" },
          })),
        ],
        requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
        responses: {
          "201": { description: "{ outcome: issued, certificate: { id, url, pdfUrl } }" },
          "200": { description: "{ outcome: duplicate, certificate } — issued before for this message or enrolment" },
          "400": err("ERR_WEBHOOK_HEADERS, ERR_WEBHOOK_REPLAY, ERR_MALFORMED_JSON"),
          "401": err("ERR_WEBHOOK_SIGNATURE"),
          "403": err("ERR_SOURCE_DISABLED"),
          "404": err("ERR_UNKNOWN_SOURCE"),
          "422": err("ERR_UNMAPPED_COURSE, ERR_COMPLETION_FIELD"),
        },
      },
    },
    "/claim/{source}": {
      get: {
        summary: "Claim link: a JWT signed by the platform; issues once and redirects to the certificate",
        parameters: [sourceParam, { name: "token", in: "query", required: true, schema: { type: "string" } }],
        responses: {
          "303": { description: "To the certificate page (browsers)" },
          "201": { description: "Issued (Accept: application/json)" },
          "200": { description: "Issued before (Accept: application/json)" },
          "400": err("ERR_CLAIM_INVALID (browsers: an explanation page)"),
          "410": err("ERR_CLAIM_EXPIRED (browsers: an explanation page)"),
          "422": err("ERR_UNMAPPED_COURSE, ERR_COMPLETION_FIELD"),
        },
      },
    },
  };
}
