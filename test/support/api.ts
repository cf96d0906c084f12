/** Helpers for integration tests: call the Worker as a client would. */
import { expect } from "vitest";
import { createExecutionContext, env } from "cloudflare:test";
import worker from "../../src/index";

export const BASE = "http://127.0.0.1:8787";
export const ADMIN = (env as unknown as { ADMIN_TOKEN: string }).ADMIN_TOKEN;

/**
 * Calls the Worker's own fetch handler with the test environment, as workerd would for a request.
 * Not `SELF.fetch`: the pool wraps each request's entrypoint in one more Proxy layer
 * (vitest-pool-workers 0.14 `createProxyPrototypeClass`), which overflows the stack once an isolate
 * has served a few thousand requests, and the shared runtime serves every file's requests.
 */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return worker.fetch(new Request(BASE + path, init), env as never, createExecutionContext());
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return call(path, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN}`, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export interface Issued {
  id: string;
  url: string;
  pdfUrl: string;
  jwtUrl: string;
  credential: Record<string, unknown> & { proof: Record<string, unknown>[] };
}

export async function issue(
  name = "김민준",
  achievementId = "champions-2023-online",
  extra: Record<string, unknown> = {},
): Promise<Issued> {
  const res = await postJson("/admin/certificates", {
    recipient: { name, email: "participant@example.org" },
    achievementId,
    ...extra,
  });
  if (res.status !== 201) throw new Error(`issue failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Issued;
}

export async function verify(verifiableCredential: unknown): Promise<{ status: number; body: any }> {
  const res = await call("/credentials/verify", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ verifiableCredential }),
  });
  return { status: res.status, body: await res.json() };
}

/** Asserts a 200 from /health, naming every check's state in the failure message. */
export async function expectHealthy(res: Response): Promise<void> {
  const body = await res.text();
  expect(res.status, `/health said ${body}`).toBe(200);
}
