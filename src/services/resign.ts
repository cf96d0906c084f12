/**
 * Bulk re-sign by key id, server-side, from stored data only (key compromise, RUNBOOK.md): each
 * certificate keeps its id, URL, subject (the salted email hash, never the email), validity and
 * status entries, and gets a new Data Integrity proof, VC-JWT and QR token from the active key.
 * Chunked like batches, so each request stays inside the CPU limit.
 */
import { detachVcJwt } from "../lib/detached-vc-jwt";
import { auditInsertIfChanged } from "../adapters/storage/audit-repository";
import { runBatch } from "../adapters/storage/database";
import { certificatesSignedBy, countSignedBy, resignUpdate } from "../adapters/storage/resign-repository";
import { createCompactToken } from "../domain/compact-token";
import { AppError } from "../errors";
import type { AppDeps } from "./context";
import type { RequestActor } from "./issue-certificate";
import { signCredential } from "./sign-certificate";

/** Certificates re-signed per request. */
export const RESIGN_CHUNK = 50;

/** Re-signs up to `limit` certificates signed by `kid`; returns how many, and how many remain. */
export async function resignByKey(
  deps: AppDeps,
  kid: string,
  who: RequestActor,
  limit = RESIGN_CHUNK,
): Promise<{ resigned: number; remaining: number; newKid: string }> {
  if (!deps.keys.some((k) => k.kid === kid)) throw new AppError("ERR_NOT_FOUND", `No key ${kid} in the key set`);
  const signer = await deps.signer();
  if (signer.kid === kid)
    throw new AppError("ERR_CONFLICT", `Key ${kid} is the active signing key: rotate first (RUNBOOK.md)`);
  const rows = await certificatesSignedBy(deps.store, kid, limit);
  const now = deps.clock();
  const writes = [];
  for (const row of rows) {
    const { proof: _old, ...unsigned } = JSON.parse(row.credential) as Record<string, unknown>;
    const { credential, vcJwt } = await signCredential(deps, unsigned, now);
    const credentialText = JSON.stringify(credential);
    const compactToken = await createCompactToken(
      {
        certificateId: row.id,
        validFrom: new Date(row.issued_at),
        validUntil: row.valid_until ? new Date(row.valid_until) : undefined,
        kid: signer.kid,
        recipientName: row.recipient_name,
        achievementId: row.achievement_id,
      },
      (d) => signer.sign(d),
    );
    writes.push(
      resignUpdate(deps.store, row.id, kid, {
        credential: credentialText,
        vc_jwt: detachVcJwt(vcJwt, credentialText),
        compact_token: compactToken,
        key_id: signer.kid,
      }),
      auditInsertIfChanged(deps.store, {
        ...who,
        action: "certificate.resign",
        target: row.id,
        at: now.toISOString(),
        before: { keyId: kid },
        after: { keyId: signer.kid },
      }),
    );
  }
  for (let i = 0; i < writes.length; i += 50) await runBatch(deps.store, writes.slice(i, i + 50));
  return { resigned: rows.length, remaining: await countSignedBy(deps.store, kid), newKid: signer.kid };
}
