/**
 * Run-time JSON Schema validation with `@cfworker/json-schema`, which interprets schemas instead
 * of generating code (workerd forbids code generation at request time, so Ajv cannot run there).
 */
import { Validator, type OutputUnit, type Schema } from "@cfworker/json-schema";
import issueCertificateRequest from "../../../schemas/issue-certificate-request.json";
import createAchievementRequest from "../../../schemas/create-achievement-request.json";
import createProgrammeRequest from "../../../schemas/create-programme-request.json";
import vcApiIssueRequest from "../../../schemas/vc-api-issue-request.json";
import vcApiVerifyRequest from "../../../schemas/vc-api-verify-request.json";
import vcApiVerifyPresentationRequest from "../../../schemas/vc-api-verify-presentation-request.json";
import vcApiIssueCredentialRequest from "../../../schemas/vc-api-issue-credential-request.json";
import credential from "../../../schemas/credential.json";
import statusChangeRequest from "../../../schemas/status-change-request.json";
import certificateLanguageRequest from "../../../schemas/certificate-language-request.json";
import createTokenRequest from "../../../schemas/create-token-request.json";
import certificateFields from "../../../schemas/certificate-fields.json";
import certificateRow from "../../../schemas/certificate-row.json";
import completionSourceFields from "../../../schemas/completion-source-fields.json";
import createSourceRequest from "../../../schemas/create-source-request.json";
import updateSourceRequest from "../../../schemas/update-source-request.json";
import createSourceKeyRequest from "../../../schemas/create-source-key-request.json";
import eraseParticipantRequest from "../../../schemas/erase-participant-request.json";
import type { FieldError } from "../../errors";
import { installFastUriFormat } from "./uri-format";

// Same accepted strings as the library's `uri` format, without compiling its large expression for ours.
installFastUriFormat();

/** Every schema the service publishes, by file name. */
export const SCHEMAS = {
  "issue-certificate-request": issueCertificateRequest,
  "create-achievement-request": createAchievementRequest,
  "create-programme-request": createProgrammeRequest,
  "vc-api-issue-request": vcApiIssueRequest,
  "vc-api-verify-request": vcApiVerifyRequest,
  "vc-api-verify-presentation-request": vcApiVerifyPresentationRequest,
  "vc-api-issue-credential-request": vcApiIssueCredentialRequest,
  "status-change-request": statusChangeRequest,
  "certificate-language-request": certificateLanguageRequest,
  "create-token-request": createTokenRequest,
  "certificate-row": certificateRow,
  "erase-participant-request": eraseParticipantRequest,
  "certificate-fields": certificateFields,
  "completion-source-fields": completionSourceFields,
  "create-source-request": createSourceRequest,
  "update-source-request": updateSourceRequest,
  "create-source-key-request": createSourceKeyRequest,
  credential,
} as const;

export type SchemaName = keyof typeof SCHEMAS;

const validators = new Map<string, Validator>();

/**
 * A validator per schema and mode. Short-circuit mode stops at the first failure; the full mode
 * collects every error, which on a large hostile input (25,000 wrong array items) costs hundreds of
 * ms and can overflow the stack, so it only runs on small inputs (see {@link validate}).
 */
function validatorFor(name: SchemaName, shortCircuit: boolean): Validator {
  const cacheKey = `${name}:${shortCircuit}`;
  let v = validators.get(cacheKey);
  if (!v) {
    v = new Validator(SCHEMAS[name] as unknown as Schema, "2020-12", shortCircuit);
    // Every request refers to the field definitions of certificate-fields.json.
    if (name !== "certificate-fields") v.addSchema(certificateFields as unknown as Schema);
    if (name !== "completion-source-fields") v.addSchema(completionSourceFields as unknown as Schema);
    validators.set(cacheKey, v);
  }
  return v;
}

/** JSON Pointer `#/recipient/email` → `recipient.email` (the request's own field names). */
function fieldOf(instanceLocation: string, extra?: string): string {
  const parts = instanceLocation
    .replace(/^#\/?/, "")
    .split("/")
    .filter(Boolean)
    .map((p) => decodeURIComponent(p).replace(/~1/g, "/").replace(/~0/g, "~"));
  if (extra) parts.push(extra);
  return parts.join(".") || "(body)";
}

type Node = Record<string, unknown>;

/** The schema file a `$ref` names (relative to our `$id`s), with its JSON pointer followed. */
function resolveRef(ref: string): Node | undefined {
  const [file, pointer = ""] = ref.split("#");
  const doc = Object.values(SCHEMAS).find((d) => (d as { $id?: string }).$id?.endsWith("/" + file)) as Node | undefined;
  let node: Node | undefined = doc;
  for (const part of pointer.split("/").filter(Boolean)) node = node?.[part] as Node | undefined;
  return node;
}

/**
 * The `x-message` of the subschema that owns a failed keyword: walks `keywordLocation` from the
 * root schema, following `$ref`s, so a field defined once carries one human message everywhere.
 */
function messageAt(root: Node, keywordLocation: string): string | undefined {
  const parts = keywordLocation.replace(/^#\/?/, "").split("/").filter(Boolean).slice(0, -1);
  let node: Node | undefined = root;
  for (const raw of parts) {
    const part = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (part === "$ref" && typeof node?.$ref === "string") node = resolveRef(node.$ref);
    else node = node?.[part] as Node | undefined;
    if (!node) return undefined;
  }
  return typeof node?.["x-message"] === "string" ? node["x-message"] : undefined;
}

/** Turns the validator's output units into one message per offending field. */
function toFieldErrors(units: OutputUnit[], root: Node): FieldError[] {
  const out: FieldError[] = [];
  for (const u of units) {
    if (["properties", "additionalProperties", "allOf", "items", "prefixItems", "$ref"].includes(u.keyword)) continue;
    if (u.keyword === "required") {
      const prop = /"(.+)"/.exec(u.error)?.[1];
      out.push({ field: fieldOf(u.instanceLocation, prop), message: "is required" });
    } else if (u.keyword === "false") {
      out.push({ field: fieldOf(u.instanceLocation), message: "is not a known field" });
    } else if (["pattern", "format"].includes(u.keyword) && messageAt(root, u.keywordLocation)) {
      out.push({ field: fieldOf(u.instanceLocation), message: messageAt(root, u.keywordLocation)! });
    } else {
      out.push({
        field: fieldOf(u.instanceLocation),
        message: u.error.replace(/^String|^Instance/, "value").replace(/\.$/, ""),
      });
    }
  }
  const seen = new Set<string>();
  return out
    .filter((e) => (seen.has(e.field + e.message) ? false : (seen.add(e.field + e.message), true)))
    .slice(0, 20);
}

/** Inputs up to this many JSON nodes get every error listed; larger ones get the first. */
const FULL_REPORT_MAX_NODES = 2_000;

/**
 * Counts the JSON nodes of a parsed value (iteratively: nesting depth cannot overflow the stack)
 * and checks every key and string is well-formed UTF-16. `JSON.parse` accepts lone surrogates
 * (`"\ud800"`), which make `encodeURI` (used for error paths) throw. Null when not well-formed.
 */
function measure(value: unknown): number | null {
  const stack: unknown[] = [value];
  let nodes = 0;
  while (stack.length) {
    const v = stack.pop();
    nodes++;
    if (typeof v === "string") {
      if (!v.isWellFormed()) return null;
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
    } else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (!k.isWellFormed()) return null;
        stack.push(x);
      }
    }
  }
  return nodes;
}

/**
 * The passes of one validation: null when a key or string is not well-formed UTF-16; otherwise the
 * short-circuit pass, then (if that failed) the full error list for small inputs only.
 */
function runPasses(
  name: SchemaName,
  value: unknown,
): { nodes: null } | { nodes: number; valid: boolean; quick: OutputUnit[]; units: OutputUnit[] } {
  const nodes = measure(value);
  if (nodes === null) return { nodes };
  const quick = validatorFor(name, true).validate(value);
  if (quick.valid) return { nodes, valid: true, quick: [], units: [] };
  const units = nodes <= FULL_REPORT_MAX_NODES ? validatorFor(name, false).validate(value).errors : quick.errors;
  return { nodes, valid: false, quick: quick.errors, units };
}

/** The work a validation does: JSON nodes measured and validator error units collected (for tests). */
export function validationWork(name: SchemaName, value: unknown): { nodes: number | null; units: number } {
  const run = runPasses(name, value);
  if (run.nodes === null) return { nodes: null, units: 0 };
  return { nodes: run.nodes, units: run.quick.length + (run.units === run.quick ? 0 : run.units.length) };
}

/**
 * Validates a value; returns the field errors (empty when valid). Never throws: the work is one
 * short-circuit pass (bounded by the schema, not by the input), plus a full error list for small
 * inputs only.
 */
export function validate(name: SchemaName, value: unknown): FieldError[] {
  try {
    const run = runPasses(name, value);
    if (run.nodes === null) return [{ field: "(body)", message: "contains text that is not well-formed Unicode" }];
    if (run.valid) return [];
    const errors = toFieldErrors(run.units, SCHEMAS[name] as unknown as Node);
    return errors.length ? errors : [{ field: "(body)", message: "does not match the schema" }];
  } catch {
    return [{ field: "(body)", message: "does not match the schema" }];
  }
}
