/** Keys of completion sources: generated shared secrets (sealed at rest) or registered public JWKs. */
import type { JWK } from "jose";
import { base64urlEncode } from "../lib/encoding";
import type { SourceKeyRow } from "../adapters/storage/source-repository";
import { newWebhookSecret } from "../adapters/webhooks/standard-webhooks";
import type { AppDeps } from "./context";

/** The context a stored secret is bound to (AES-GCM additional data). */
export function keyContext(k: Pick<SourceKeyRow, "source_id" | "id" | "purpose">): string {
  return `wego-source-key/${k.source_id}/${k.id}/${k.purpose}`;
}

/** A new key row: a generated shared secret (sealed; returned here only) or a registered public JWK. */
export async function newKey(deps: AppDeps, sourceId: string, purpose: SourceKeyRow["purpose"], at: string, jwk?: JWK) {
  const id = base64urlEncode(deps.random(9));
  if (jwk) {
    const { kty, crv, x, y, n, e, alg } = jwk;
    const clean = Object.fromEntries(Object.entries({ kty, crv, x, y, n, e, alg }).filter(([, v]) => v !== undefined));
    return {
      row: {
        id,
        source_id: sourceId,
        purpose,
        kind: "jwk" as const,
        material: JSON.stringify(clean),
        created_at: at,
        expires_at: null,
      },
      secret: undefined,
    };
  }
  const secret = purpose === "webhook" ? newWebhookSecret(deps.random) : base64urlEncode(deps.random(32));
  const box = await deps.secretBox();
  const material = await box.seal(secret, keyContext({ source_id: sourceId, id, purpose }));
  return {
    row: { id, source_id: sourceId, purpose, kind: "secret" as const, material, created_at: at, expires_at: null },
    secret,
  };
}
