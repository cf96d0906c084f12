/**
 * Key rotation during a deploy: the new private key must be the active key of the key set being
 * published, and the signing fence stamps the switch-over time into that key set (RUNBOOK.md
 * "Key rotation").
 */
import { loadSigner, parseKeySet } from "../../src/adapters/crypto/keys";
import { fenceStatements } from "../../src/adapters/storage/operations-repository";
import { DeployError, type DeployIo, type DeployOptions, type Wrangler, remoteQuery } from "./deploy-config";

/** The rotation key must be the active key of the key set about to be published. */
export async function checkRotationKey(secret: string, keyText: string): Promise<string> {
  try {
    return (await loadSigner(secret.trim(), await parseKeySet(keyText))).kid;
  } catch (e) {
    throw new DeployError(`--rotate-key: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Starts the rotation: the fence (the old version stops signing), then the fence time as the old
 * key's notAfter and the new key's notBefore, written into the key set that is bundled next.
 */
export async function fenceRotation(
  opts: DeployOptions,
  io: DeployIo,
  wrangler: Wrangler,
  kid: string,
  keyFile: string,
): Promise<{ kid: string; secretsFile: string }> {
  io.log(`\n▶ Key rotation to ${kid}: signing fence`);
  for (const sql of fenceStatements(kid)) await wrangler("d1", "execute", "DB", "--remote", "--command", sql);
  const out = await remoteQuery(wrangler, "SELECT value FROM service_settings WHERE key = 'signing_fenced_at'");
  const at = /"value"\s*:\s*"([^"]+)"/.exec(out)?.[1];
  if (!at) throw new DeployError("could not read back the signing fence time");
  const set = JSON.parse(io.readFile(keyFile)) as {
    keys: { kid: string; status: string; notBefore: string; notAfter?: string }[];
  };
  const previousActive = set.keys
    .filter((k) => k.status === "retired" && k.kid !== kid)
    .sort((a, b) => (b.notAfter ?? "").localeCompare(a.notAfter ?? ""))[0];
  for (const k of set.keys) {
    if (k.kid === kid) k.notBefore = at;
    else if (k === previousActive) k.notAfter = at;
  }
  io.writeFile(keyFile, JSON.stringify(set, null, 2) + "\n");
  io.log(`  fence at ${at}: ${keyFile} stamped (commit it after the deploy)`);
  const secretsFile = `.wrangler/rotation-secrets-${Date.now()}.json`;
  io.writeFile(secretsFile, JSON.stringify({ ISSUER_PRIVATE_KEY: io.readFile(opts.rotateKeyFile!).trim() }), 0o600);
  return { kid, secretsFile };
}
