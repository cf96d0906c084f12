/** OpenAPI paths of email delivery, personal data and "find my certificates" (merged by openapi.ts). */

import { bearer, err } from "./openapi-parts";

const idParam = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[A-Za-z0-9_-]{22}$" },
};

const delivery = {
  type: "object",
  properties: {
    id: { type: "string" },
    certificateId: { type: ["string", "null"] },
    kind: { enum: ["issued", "reissued", "resend", "lookup", "revoked"] },
    status: { enum: ["queued", "sent", "failed"] },
    attempts: { type: "integer" },
    lastError: { type: ["string", "null"] },
    createdAt: { type: "string" },
    updatedAt: { type: "string" },
    sentAt: { type: ["string", "null"] },
    requestedBy: { type: "string" },
  },
};

/** The paths, given openapi.ts's helpers. */
export function deliveryPaths(): Record<string, unknown> {
  const send = (what: string, resend: boolean) => ({
    post: {
      summary: resend ? `Send ${what} again (a new message and record)` : `Send ${what} (once)`,
      security: bearer,
      parameters: what.includes("batch") ? [{ ...idParam, schema: { type: "string" } }] : [idParam],
      responses: {
        "200": { description: "Already requested: the existing record" },
        "202": { description: "Queued", content: { "application/json": { schema: delivery } } },
        "404": err("Unknown id"),
        "409": err("Not active, or no email address on record"),
        "503": err("Queue or store unavailable; the record stays queued: send again"),
      },
    },
  });
  return {
    "/admin/certificates/{id}/send": send("the certificate", false),
    "/admin/certificates/{id}/resend": send("the certificate", true),
    "/admin/batches/{id}/send": send("every certificate of the batch", false),
    "/admin/batches/{id}/resend": send("every certificate of the batch", true),
    "/admin/certificates/{id}/deliveries": {
      get: {
        summary: "The certificate's delivery records",
        security: bearer,
        parameters: [idParam],
        responses: { "200": { description: "{ deliveries }" }, "404": err("Unknown id") },
      },
    },
    "/admin/participants": {
      get: {
        summary: "A participant's certificates by email (exact, through the blind index)",
        security: bearer,
        parameters: [{ name: "email", in: "query", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "{ certificates }" }, "400": err("No email given") },
      },
    },
    "/admin/participants/erase": {
      post: {
        summary: "Erase a participant's personal data (stored address, delivery records); optionally revoke",
        security: bearer,
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/erase-participant-request" } } },
        },
        responses: {
          "200": { description: "{ certificateIds, revoked, deliveriesDeleted }" },
          "400": err("Neither or both of email and certificateId, or revoke without reason"),
        },
      },
    },
    "/find": {
      post: {
        summary: "Find my certificates: emails the address a list of its certificates (same answer for any address)",
        requestBody: {
          required: true,
          content: {
            "application/x-www-form-urlencoded": {
              schema: { type: "object", required: ["email"], properties: { email: { type: "string" } } },
            },
          },
        },
        responses: {
          "200": { description: "HTML page: the same for known and unknown addresses" },
          "400": { description: "HTML page: not an email address" },
          "429": { description: "HTML page: too many requests from this client" },
        },
      },
    },
  };
}
