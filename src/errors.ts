/**
 * The one error type of the service. Every failure that reaches a client carries a stable
 * `code` (like jose's `ERR_*` codes) and becomes an RFC 9457 `application/problem+json` body.
 */
export type ErrorCode =
  | "ERR_MALFORMED_JSON"
  | "ERR_VALIDATION"
  | "ERR_UNSUPPORTED_MEDIA_TYPE"
  | "ERR_BODY_TOO_LARGE"
  | "ERR_UNAUTHORIZED"
  | "ERR_FORBIDDEN"
  | "ERR_NOT_FOUND"
  | "ERR_METHOD_NOT_ALLOWED"
  | "ERR_CONFLICT"
  | "ERR_REVOKED"
  | "ERR_SUSPENDED"
  | "ERR_IDEMPOTENCY_KEY_REUSED"
  | "ERR_IDEMPOTENCY_IN_PROGRESS"
  | "ERR_UNKNOWN_ACHIEVEMENT"
  | "ERR_BATCH_FILE"
  | "ERR_UNKNOWN_SOURCE"
  | "ERR_SOURCE_DISABLED"
  | "ERR_WEBHOOK_HEADERS"
  | "ERR_WEBHOOK_SIGNATURE"
  | "ERR_WEBHOOK_REPLAY"
  | "ERR_UNMAPPED_COURSE"
  | "ERR_COMPLETION_FIELD"
  | "ERR_CLAIM_EXPIRED"
  | "ERR_CLAIM_INVALID"
  | "ERR_PRINT_PACK_TOO_LARGE"
  | "ERR_ACHIEVEMENT_IN_USE"
  | "ERR_RATE_LIMITED"
  | "ERR_UNAVAILABLE"
  | "ERR_CONFIG"
  | "ERR_INTERNAL";

const STATUS: Record<ErrorCode, number> = {
  ERR_MALFORMED_JSON: 400,
  ERR_VALIDATION: 400,
  ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  ERR_BODY_TOO_LARGE: 413,
  ERR_UNAUTHORIZED: 401,
  ERR_FORBIDDEN: 403,
  ERR_NOT_FOUND: 404,
  ERR_METHOD_NOT_ALLOWED: 405,
  ERR_CONFLICT: 409,
  // A revoked (or replaced) certificate's PDF and picture are no longer served; a suspended one's not for now.
  ERR_REVOKED: 410,
  ERR_SUSPENDED: 409,
  ERR_IDEMPOTENCY_KEY_REUSED: 422,
  ERR_IDEMPOTENCY_IN_PROGRESS: 409,
  ERR_UNKNOWN_ACHIEVEMENT: 422,
  ERR_BATCH_FILE: 400,
  ERR_UNKNOWN_SOURCE: 404,
  ERR_SOURCE_DISABLED: 403,
  ERR_WEBHOOK_HEADERS: 400,
  ERR_WEBHOOK_SIGNATURE: 401,
  ERR_WEBHOOK_REPLAY: 400,
  ERR_UNMAPPED_COURSE: 422,
  ERR_COMPLETION_FIELD: 422,
  ERR_CLAIM_EXPIRED: 410,
  ERR_CLAIM_INVALID: 400,
  ERR_PRINT_PACK_TOO_LARGE: 422,
  ERR_ACHIEVEMENT_IN_USE: 409,
  ERR_RATE_LIMITED: 429,
  ERR_UNAVAILABLE: 503,
  ERR_CONFIG: 500,
  ERR_INTERNAL: 500,
};

/** One offending field, named by its JSON Pointer (RFC 6901) into the request. */
export interface FieldError {
  field: string;
  message: string;
}

/** A failure with a stable code, an HTTP status and a message safe to show to the caller. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field?: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { field?: string; errors?: FieldError[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.status = STATUS[code];
    this.field = opts.field;
    this.errors = opts.errors;
    this.headers = opts.headers;
  }
}

/** RFC 9457 problem document for an error. */
export function problemBody(err: AppError, instance?: string): Record<string, unknown> {
  return {
    type: `urn:wego:problem:${err.code.toLowerCase().replace(/^err_/, "").replace(/_/g, "-")}`,
    title: err.code,
    status: err.status,
    code: err.code,
    detail: err.message,
    ...(err.field ? { field: err.field } : {}),
    ...(err.errors?.length ? { errors: err.errors } : {}),
    ...(instance ? { instance } : {}),
  };
}
