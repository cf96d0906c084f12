/**
 * A simulated learning platform: it signs completion events with `standardwebhooks` and claim-link
 * tokens with `jose`, as a real platform (or its webhook sender) would.
 */
import { SignJWT } from "jose";
import { Webhook } from "standardwebhooks";
import { call, postJson } from "./api";

/** A completion source as created through the admin API, with the secrets shown once. */
export interface TestSource {
  id: string;
  webhookSecret: string;
  claimSecret: string;
}

/** Creates a source (kind `generic`) mapping `courses` (platform course id → achievement id). */
export async function createSource(id: string, courses: Record<string, string>, extra: Record<string, unknown> = {}) {
  const res = await postJson("/admin/sources", { id, name: `Platform ${id}`, kind: "generic", courses, ...extra });
  if (res.status !== 201) throw new Error(`create source: ${res.status} ${await res.text()}`);
  const body = await res.json<any>();
  return { id, webhookSecret: body.secrets.webhook, claimSecret: body.secrets.claim, body } as TestSource & {
    body: any;
  };
}

/** A completion event in the `generic` shape (README "Learning platforms"). */
export function completionBody(course: string, enrolment: string, name: string, email: string, language?: string) {
  return JSON.stringify({
    type: "course.completed",
    timestamp: new Date().toISOString(),
    data: {
      course: { id: course },
      enrolment: { id: enrolment },
      learner: { name, email, ...(language ? { language } : {}) },
    },
  });
}

/** Signed Standard Webhooks headers for a message. */
export function signedHeaders(secret: string, msgId: string, body: string, at = new Date()): Record<string, string> {
  return {
    "content-type": "application/json",
    "webhook-id": msgId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(msgId, at, body),
  };
}

/** Delivers a message to /hooks/completions/{source}. */
export function deliver(sourceId: string, headers: Record<string, string>, body: string) {
  return call(`/hooks/completions/${sourceId}`, { method: "POST", headers, body });
}

/** A claim-link token signed with the source's HS256 secret. */
export async function claimToken(
  secret: string,
  claims: { name: string; email: string; course: string; jti: string; enrolment?: string; lang?: string },
  expiresIn: string | number = "15m",
  iat?: number,
): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setExpirationTime(expiresIn);
  if (iat !== undefined) jwt.setIssuedAt(iat);
  else jwt.setIssuedAt();
  return jwt.sign(new TextEncoder().encode(secret));
}
