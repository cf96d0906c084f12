/**
 * Bindings for the workerd test project: a fresh Ed25519 issuer key (generated per run, never
 * written to disk), its published key set, and an admin token.
 */
import { generateDevIdentity } from "../../scripts/lib/dev-identity";

/** 32 random bytes, base64url. */
export function randomKey(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
}

export async function testEnv(): Promise<Record<string, string>> {
  const id = await generateDevIdentity(new Date("2020-01-01T00:00:00Z"));
  return {
    PUBLIC_BASE_URL: "http://127.0.0.1:8787",
    ISSUER_PRIVATE_KEY: id.privateJwk,
    ISSUER_KEYS: id.keySetJson,
    ADMIN_TOKEN: "test-admin-token-0123456789abcdef",
    SOURCE_SECRETS_KEY: id.sourceSecretsKey,
    // Fresh per run, like the signing key: email sealing key (with its key id) and blind-index key.
    EMAIL_ENCRYPTION_KEY: `t1:${randomKey()}`,
    EMAIL_INDEX_KEY: randomKey(),
    // Background PDF renders stay off where each test issues many certificates: renders would run
    // beside unrelated tests. test/integration/pdf-store.test.ts turns them on.
    PDF_PRERENDER: "off",
  };
}
