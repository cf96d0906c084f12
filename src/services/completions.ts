/**
 * The two ways a learning platform asks for a certificate: a Standard Webhooks "course completed"
 * event, and a claim link carrying a JWT the platform signed. Both verify against the source's live
 * keys, map the fields, and issue through issueForCompletion (at most once).
 */
import type { JWK } from "jose";
import { verifyClaimToken, type ClaimKey } from "../adapters/jwt/claim-token";
import { findSource, liveKeys, type SourceKeyRow, type SourceRow } from "../adapters/storage/source-repository";
import { verifyWebhook, type WebhookHeaders } from "../adapters/webhooks/standard-webhooks";
import { claimedCertificate, eventInsert, type EventFields } from "../adapters/storage/completion-repository";
import { findCertificate } from "../adapters/storage/certificate-repository";
import { runBatch } from "../adapters/storage/database";
import { extractCompletion, type FieldMapping } from "../domain/completion-mapping";
import { AppError } from "../errors";
import { keyContext } from "./source-keys";
import { issueForCompletion, rejectCompletion, type CompletionResult } from "./completion-issue";
import type { AppDeps } from "./context";
import { describeCertificate } from "./issue-certificate";

async function liveSource(deps: AppDeps, id: string, event: Omit<EventFields, "sourceId">): Promise<SourceRow> {
  const source = /^[a-z0-9][a-z0-9-]{0,39}$/.test(id) ? await findSource(deps.store, id) : undefined;
  // Unknown sources are not recorded: there is no one to show them to, and anyone can invent ids.
  if (!source) throw new AppError("ERR_UNKNOWN_SOURCE", `No completion source "${id.slice(0, 40)}"`);
  if (source.enabled !== 1)
    await rejectCompletion(deps, { ...event, sourceId: id }, "ERR_SOURCE_DISABLED", `source "${id}" is disabled`);
  return source;
}

async function sharedSecrets(deps: AppDeps, keys: SourceKeyRow[]): Promise<string[]> {
  const secrets = keys.filter((k) => k.kind === "secret");
  if (!secrets.length) return [];
  const box = await deps.secretBox();
  const out: string[] = [];
  for (const k of secrets) {
    const s = await box.open(k.material, keyContext(k));
    if (s !== null) out.push(s);
  }
  return out;
}

/** Handles POST /hooks/completions/{source}: verifies, maps and issues (or records the rejection). */
export async function receiveCompletionWebhook(
  deps: AppDeps,
  sourceId: string,
  body: string,
  headers: WebhookHeaders,
  requestId: string,
): Promise<CompletionResult> {
  const now = deps.clock();
  const event: EventFields = {
    sourceId,
    channel: "webhook",
    // Recorded as received (even unverified) so staff can match a rejection to the platform's log.
    messageId: headers.id ? headers.id.slice(0, 256) : null,
    enrolment: null,
    course: null,
    receivedAt: now.toISOString(),
    requestId,
  };
  const source = await liveSource(deps, sourceId, event);
  const secrets = await sharedSecrets(deps, await liveKeys(deps.store, source.id, "webhook", event.receivedAt));
  const check = verifyWebhook(body, headers, secrets, now, source.replay_window_seconds);
  if (!check.ok) return rejectCompletion(deps, event, check.error.code, check.error.message, check.error.field);
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return rejectCompletion(deps, event, "ERR_MALFORMED_JSON", "The event body is not valid JSON");
  }
  const mapped = extractCompletion(payload, JSON.parse(source.fields) as FieldMapping);
  if (!mapped.ok) return rejectCompletion(deps, event, mapped.error.code, mapped.error.message, mapped.error.field);
  return issueForCompletion(deps, source, mapped.value, `m:${check.value.id}`, event);
}

function claimKeys(deps: AppDeps, keys: SourceKeyRow[], secrets: string[]): ClaimKey[] {
  return [
    ...secrets.map((secret) => ({ kind: "secret" as const, secret })),
    ...keys.filter((k) => k.kind === "jwk").map((k) => ({ kind: "jwk" as const, jwk: JSON.parse(k.material) as JWK })),
  ];
}

/** Handles GET /claim/{source}?token=…: verifies the platform's JWT and issues once per jti. */
export async function claimCertificate(
  deps: AppDeps,
  sourceId: string,
  token: string,
  requestId: string,
): Promise<CompletionResult> {
  const now = deps.clock();
  const event: EventFields = {
    sourceId,
    channel: "claim",
    messageId: null,
    enrolment: null,
    course: null,
    receivedAt: now.toISOString(),
    requestId,
  };
  const source = await liveSource(deps, sourceId, event);
  const keys = await liveKeys(deps.store, source.id, "claim", event.receivedAt);
  const check = await verifyClaimToken(token, claimKeys(deps, keys, await sharedSecrets(deps, keys)), now);
  if (!check.ok) {
    const failure = check.error;
    const jti = failure.code === "ERR_CLAIM_EXPIRED" ? failure.jti : undefined;
    if (jti) {
      // A genuine link already used keeps leading to its certificate after it expires.
      const seen = await claimedCertificate(deps.store, source.id, `j:${jti}`);
      const row = seen ? await findCertificate(deps.store, seen) : undefined;
      if (row) {
        await runBatch(deps.store, [
          eventInsert(deps.store, { ...event, messageId: jti }, { outcome: "duplicate", certificateId: row.id }),
        ]);
        return {
          outcome: "duplicate",
          certificate: describeCertificate(deps, row, true),
          lang: source.default_language,
        };
      }
    }
    return rejectCompletion(deps, { ...event, messageId: jti ?? null }, failure.code, failure.message, "token");
  }
  const c = check.value;
  return issueForCompletion(
    deps,
    source,
    { course: c.course, name: c.name, email: c.email, enrolment: c.enrolment, language: c.lang },
    `j:${c.jti}`,
    { ...event, messageId: c.jti },
  );
}
