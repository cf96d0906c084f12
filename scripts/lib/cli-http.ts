/**
 * HTTP client for the CLI: bearer auth, RFC 9457 problem details turned into readable errors,
 * friendly connection errors, and retry with backoff on 503 (honouring Retry-After).
 */

/** An error the CLI reports as one message (plus an optional hint) and exits with `exitCode`. */
export class CliError extends Error {
  readonly exitCode: number;
  readonly hint?: string;
  readonly status?: number;
  constructor(
    message: string,
    { exitCode = 1, hint, status }: { exitCode?: number; hint?: string; status?: number } = {},
  ) {
    super(message);
    this.exitCode = exitCode;
    this.hint = hint;
    this.status = status;
  }
}

const sleepMs = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Delay before retry `attempt` (0-based): Retry-After (seconds or HTTP date) if given, else exponential. */
export function retryDelayMs(retryAfter: string | null | undefined, attempt: number, now = Date.now()): number {
  if (retryAfter !== null && retryAfter !== undefined && retryAfter !== "") {
    const secs = Number(retryAfter);
    if (Number.isFinite(secs) && secs >= 0) return Math.min(secs * 1000, 120_000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.min(Math.max(at - now, 0), 120_000);
  }
  return Math.min(1000 * 2 ** attempt, 30_000);
}

/** `code: detail` (plus field errors) from a problem document, or the status line. */
/** An RFC 9457 problem document as the API sends it. */
interface Problem {
  code?: string;
  detail?: string;
  title?: string;
  errors?: unknown[];
}

export function describeProblem(status: number, raw: unknown): string {
  const body = raw as Problem | string | null;
  if (body && typeof body === "object" && (body.code || body.detail)) {
    const lines = [`${body.code ?? `HTTP ${status}`}: ${body.detail ?? body.title ?? ""}`.trim()];
    if (Array.isArray(body.errors))
      for (const e of body.errors.slice(0, 10))
        lines.push(
          `  - ${typeof e === "string" ? e : [(e as FieldProblem).field, (e as FieldProblem).message ?? JSON.stringify(e)].filter(Boolean).join(": ")}`,
        );
    return lines.join("\n");
  }
  const text = typeof body === "string" ? body.trim().slice(0, 300) : "";
  return `HTTP ${status}${text ? `: ${text}` : ""}`;
}

type FieldProblem = { field?: string; message?: string };

function hintFor(status: number): string | undefined {
  if (status === 401)
    return "The token was not accepted. Pass --token or set WEGO_TOKEN (for a local service, `npm start` writes ADMIN_TOKEN into .dev.vars).";
  if (status === 403)
    return "The token lacks the scope this command needs; use an admin token or create one with `npm run cli -- tokens create --name … --scopes issue,read`.";
  if (status === 503) return "The service is temporarily unavailable; try again shortly.";
  return undefined;
}

type NetError = { code?: string; message?: string; cause?: { code?: string; message?: string } } | undefined;

function networkError(baseUrl: string, raw: unknown): CliError {
  const err = raw as NetError;
  const code = err?.cause?.code ?? err?.code;
  if (code === "ECONNREFUSED")
    return new CliError(`cannot connect to ${baseUrl}: is the service running? (npm start)`, {
      hint: "Or point the CLI elsewhere with --url / WEGO_URL.",
    });
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return new CliError(`cannot resolve the host of ${baseUrl} (${code}); check --url / WEGO_URL`);
  return new CliError(`request to ${baseUrl} failed: ${code ?? err?.cause?.message ?? err?.message ?? err}`);
}

/**
 * A client for the admin API. `request` resolves to `{status, headers, body}` for 2xx answers and
 * throws CliError otherwise. With `retry: true`, 503 answers are retried up to `maxRetries` times.
 */
export interface ClientOptions {
  baseUrl: string;
  token?: string;
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (r: { attempt: number; maxRetries: number; waitMs: number; path: string }) => void;
}

/** One request's options. */
export interface RequestOptions {
  json?: unknown;
  body?: BodyInit;
  contentType?: string;
  headers?: Record<string, string>;
  retry?: boolean;
  accept?: string;
}

/** A 2xx answer; `body` is parsed JSON for JSON answers, else text (the caller knows the route's shape). */
export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: any;
}

export type Client = ReturnType<typeof createClient>;

export function createClient({ baseUrl, token, maxRetries = 5, sleep = sleepMs, onRetry = () => {} }: ClientOptions) {
  async function request(
    method: string,
    path: string,
    { json, body, contentType, headers = {}, retry = false, accept }: RequestOptions = {},
  ): Promise<ApiAnswer> {
    const h: Record<string, string> = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    if (accept) h.accept = accept;
    let payload: BodyInit | undefined = body;
    if (json !== undefined) {
      payload = JSON.stringify(json);
      h["content-type"] = "application/json";
    } else if (contentType) h["content-type"] = contentType;
    for (let attempt = 0; ; attempt++) {
      let res;
      try {
        res = await fetch(baseUrl + path, { method, headers: h, body: payload });
      } catch (err) {
        throw networkError(baseUrl, err);
      }
      const type = res.headers.get("content-type") ?? "";
      const text = await res.text();
      let parsed: unknown = text;
      if (/json/i.test(type)) {
        try {
          parsed = JSON.parse(text);
        } catch {
          /* keep the text */
        }
      }
      if (res.ok) return { status: res.status, headers: res.headers, body: parsed };
      if (res.status === 503 && retry && attempt < maxRetries) {
        const wait = retryDelayMs(res.headers.get("retry-after"), attempt);
        onRetry({ attempt: attempt + 1, maxRetries, waitMs: wait, path });
        await sleep(wait);
        continue;
      }
      throw new CliError(describeProblem(res.status, parsed), { hint: hintFor(res.status), status: res.status });
    }
  }
  return { request, baseUrl };
}
