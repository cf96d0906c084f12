/** Pieces every part of the OpenAPI document uses: problem responses, JSON bodies, the admin token. */

/** An RFC 9457 problem response (`#/components/schemas/Problem`). */
export const err = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

/** A JSON content map, with an example when given. */
export const json = (schema: unknown, example?: unknown) => ({
  "application/json": { schema, ...(example === undefined ? {} : { example }) },
});

/** The admin bearer token as the security requirement. */
export const bearer = [{ adminToken: [] }];

/** A token that is missing, unknown or lacks the scope. */
export const adminAuth = { "401": err("Missing or unknown token"), "403": err("Token lacks the scope") };
