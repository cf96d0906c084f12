/**
 * How a learning platform's "course completed" event maps to a certificate request: each field is
 * a JSON Pointer (RFC 6901) into the event body, chosen per source. Pure: no I/O.
 */
import { fail, ok, type Failure, type Result } from "../lib/result";

/** Platforms we have default mappings for; `other` has none (every pointer must be given). */
export const SOURCE_KINDS = ["generic", "moodle", "thinkific", "teachable", "learnworlds", "canvas", "other"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** JSON Pointers into the event body. `name` may list several parts joined by a space (first, last). */
export interface FieldMapping {
  course: string;
  enrolment?: string;
  name: string | string[];
  email: string;
  language?: string;
}

/** The fields of a completion once mapped. */
export interface Completion {
  course: string;
  /** The platform's enrolment id, when the mapping names one. */
  enrolment?: string;
  name: string;
  email: string;
  language?: string;
}

/** Why an event could not be mapped: the field and the pointer that did not resolve. */
export interface MappingFailure extends Failure<"ERR_COMPLETION_FIELD"> {
  field: keyof FieldMapping;
  pointer: string;
}

/**
 * Defaults per platform. `generic` is the body documented in the README; `thinkific` follows
 * Thinkific's `enrollment.completed` webhook payload (resource/action/payload with user and course).
 */
export const DEFAULT_FIELDS: Partial<Record<SourceKind, FieldMapping>> = {
  generic: {
    course: "/data/course/id",
    enrolment: "/data/enrolment/id",
    name: "/data/learner/name",
    email: "/data/learner/email",
    language: "/data/learner/language",
  },
  thinkific: {
    course: "/payload/course/id",
    enrolment: "/payload/id",
    name: ["/payload/user/first_name", "/payload/user/last_name"],
    email: "/payload/user/email",
  },
};

/** True for a syntactically valid JSON Pointer (RFC 6901 §3). */
export function isPointer(p: string): boolean {
  return p === "" || /^(\/([^~/]|~[01])*)+$/.test(p);
}

/** Resolves a JSON Pointer (RFC 6901 §4); undefined when any step is missing. */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (!isPointer(pointer)) return undefined;
  let node: unknown = doc;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(key)) return undefined;
      node = node[Number(key)];
    } else if (node !== null && typeof node === "object" && Object.hasOwn(node, key)) {
      node = (node as Record<string, unknown>)[key];
    } else return undefined;
  }
  return node;
}

/** A scalar as text (platform ids are often numbers); undefined for objects, arrays, empty strings. */
function scalarText(v: unknown): string | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  return undefined;
}

/** Maps an event body to a completion, or names the first field that is missing. */
export function extractCompletion(body: unknown, fields: FieldMapping): Result<Completion, MappingFailure> {
  const missing = (field: keyof FieldMapping, pointer: string) =>
    fail<MappingFailure>({
      code: "ERR_COMPLETION_FIELD",
      message: `${field}: nothing at ${pointer || "(root)"} in the event`,
      field,
      pointer,
    });
  const get = (field: keyof FieldMapping, pointer: string, required: boolean) => {
    const v = scalarText(resolvePointer(body, pointer));
    return v === undefined && required ? missing(field, pointer) : ok(v);
  };
  const course = get("course", fields.course, true);
  if (!course.ok) return course;
  const parts = (Array.isArray(fields.name) ? fields.name : [fields.name]).map((p) => get("name", p, false));
  const name = parts
    .map((p) => (p.ok ? p.value : undefined))
    .filter(Boolean)
    .join(" ");
  if (!name) {
    return missing("name", (Array.isArray(fields.name) ? fields.name : [fields.name]).join(" + "));
  }
  const email = get("email", fields.email, true);
  if (!email.ok) return email;
  const optional = (pointer: string | undefined) =>
    pointer === undefined ? undefined : scalarText(resolvePointer(body, pointer));
  const enrolment = optional(fields.enrolment);
  const language = optional(fields.language);
  return ok({
    course: course.value!,
    name,
    email: email.value!,
    ...(enrolment === undefined ? {} : { enrolment }),
    ...(language === undefined ? {} : { language }),
  });
}

/** `en` or `ko` from a platform locale such as `ko_KR`, `ko-KR`, `en`; undefined otherwise. */
export function pageLanguage(locale: string | undefined): "en" | "ko" | undefined {
  const m = /^([a-z]{2})(?:[-_].*)?$/i.exec(locale ?? "");
  const l = m?.[1]!.toLowerCase();
  return l === "en" || l === "ko" ? l : undefined;
}
