/** Helpers for integration tests: call the Worker as a client would. */
import { SELF, env } from "cloudflare:test";

export const BASE = "http://127.0.0.1:8787";
export const ADMIN = (env as unknown as { ADMIN_TOKEN: string }).ADMIN_TOKEN;

export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return SELF.fetch(BASE + path, init);
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
