/** OpenAPI paths of the staff endpoints: search, exports, uploads with preview, print packs, catalogue edits. */
import { SUMMARY_FIELDS } from "../services/certificate-search";
import { adminAuth, bearer, err } from "./openapi-parts";

const auth = adminAuth;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const query = (name: string, description: string, schema: Record<string, unknown> = { type: "string" }) => ({
  name,
  in: "query",
  required: false,
  schema,
  description,
});

/** The list filters, shared by the list, its exports and the print pack. */
const FILTERS = [
  query(
    "q",
    "Certificate id, external id, email (contains @), or part of a name (any script, case and accents ignored)",
  ),
  query("achievementId", "One or more achievement ids (repeat or comma-separate)"),
  query("programme", "Achievement ids starting with `<programme>-`, e.g. champions-2024"),
  query("status", "active, suspended, revoked (repeat or comma-separate)"),
  query("batchId", "Certificates issued by this batch"),
  query("keyId", "Signed with this key id"),
  query("issuedFrom", "Date (inclusive) or date-time with zone"),
  query("issuedTo", "Date (inclusive) or date-time with zone"),
];

const summary = {
  type: "object",
  properties: Object.fromEntries(SUMMARY_FIELDS.map((k) => [k, { type: ["string", "null"] }])),
};

const uploadBody = {
  required: true,
  content: {
    "text/csv": { schema: { type: "string" } },
    [XLSX]: { schema: { type: "string", format: "binary" } },
    "application/json": { schema: { type: "object", properties: { rows: { type: "array" } } } },
    "multipart/form-data": {
      schema: {
        type: "object",
        required: ["file"],
        properties: {
          file: { type: "string", format: "binary" },
          mapping: { type: "string" },
          achievementId: { type: "string" },
          validUntil: { type: "string" },
        },
      },
    },
  },
};
const uploadOptions = [
  query("mapping", 'JSON: header → field or null, e.g. {"Contact":"email","Phone":null}'),
  query("achievementId", "Achievement of every row when the file has no such column"),
  query("validUntil", "Expiry of every row when the file has no such column"),
];

/** Paths to merge into the OpenAPI document. */
export const adminConsolePaths: Record<string, unknown> = {
  "/admin/certificates": {
    get: {
      summary: "Find certificates (keyset pages), or export every match (format=csv|json)",
      security: bearer,
      parameters: [
        ...FILTERS,
        query("limit", "1–200, default 50", { type: "integer", minimum: 1, maximum: 200 }),
        query("cursor", "From the previous page"),
        query("count", "true adds total", { enum: ["true", "false"] }),
        query("format", "csv or json: a download of every match", { enum: ["csv", "json"] }),
      ],
      responses: {
        "200": {
          description: "A page `{ items, cursor, next, total? }`, or the export",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  items: { type: "array", items: summary },
                  cursor: { type: ["string", "null"] },
                  next: { type: ["string", "null"] },
                  total: { type: "integer" },
                },
              },
            },
            "text/csv": { schema: { type: "string" } },
          },
        },
        "400": err("Unknown or invalid parameter (named in field)"),
        ...auth,
      },
    },
  },
  "/admin/certificates/pdfs.zip": {
    get: {
      summary: "Print pack: the PDFs of every match as one ZIP with manifest.csv",
      security: bearer,
      parameters: FILTERS,
      responses: {
        "200": { description: "application/zip", content: { "application/zip": {} } },
        "400": err("Invalid filter"),
        ...auth,
        "422": err("More than 500 certificates (ERR_PRINT_PACK_TOO_LARGE)"),
      },
    },
  },
  "/admin/batches/preview": {
    post: {
      summary: "Check a cohort upload row by row, with its column mapping; writes nothing",
      security: bearer,
      parameters: uploadOptions,
      requestBody: uploadBody,
      responses: {
        "200": { description: "{ ready, fileError?, columns, missing, provided, counts, rows, errors }" },
        "400": err("Invalid option"),
        ...auth,
        "413": err("Over 5 MiB"),
        "415": err("Not CSV, .xlsx or JSON"),
      },
    },
  },
  "/admin/batches": {
    post: {
      summary: "Issue a cohort (CSV, .xlsx or JSON rows); the first 100 rows are signed at once",
      security: bearer,
      parameters: uploadOptions,
      requestBody: uploadBody,
      responses: {
        "202": { description: "The batch report, with Location" },
        "400": err("ERR_BATCH_FILE: the file as a whole cannot be used (nothing written)"),
        ...auth,
        "413": err("Over 5 MiB"),
        "415": err("Not CSV, .xlsx or JSON"),
      },
    },
  },
  "/admin/batches/{id}": {
    get: {
      summary: "Progress and per-row results (.csv for CSV)",
      security: bearer,
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      responses: { "200": { description: "{ id, total, counts, done, rows }" }, ...auth, "404": err("No batch") },
    },
  },
  "/admin/batches/{id}/pdfs.zip": {
    get: {
      summary: "Print pack of a batch (revoked certificates left out)",
      security: bearer,
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      responses: {
        "200": { description: "application/zip", content: { "application/zip": {} } },
        ...auth,
        "404": err("No batch"),
        "422": err("More than 500 certificates"),
      },
    },
  },
  "/admin/achievements/{id}": {
    put: {
      summary: "Replace an achievement's fields while no certificate has signed it",
      security: bearer,
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      requestBody: {
        required: true,
        content: { "application/json": { schema: { $ref: "#/components/schemas/create-achievement-request" } } },
      },
      responses: {
        "200": { description: "{ achievement, changed }" },
        "400": err("Invalid field, or id differs from the path"),
        ...auth,
        "404": err("Unknown achievement"),
        "409": err("ERR_ACHIEVEMENT_IN_USE: certificates signed it (field named)"),
      },
    },
  },
  "/admin/programmes": {
    post: {
      summary: "Add a programme year: online phase and workshops, atomically",
      security: bearer,
      requestBody: {
        required: true,
        content: { "application/json": { schema: { $ref: "#/components/schemas/create-programme-request" } } },
      },
      responses: {
        "201": { description: "{ achievements }" },
        "400": err("Invalid field"),
        ...auth,
        "409": err("An id exists"),
      },
    },
  },
};
