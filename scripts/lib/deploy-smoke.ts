/**
 * The smoke test of a live version: /health (which signs and verifies with the published key),
 * the DID document, a status list, one stored certificate verified end to end. It waits until the
 * new version answers (health reports its version id), at most two minutes.
 */
import { type DeployIo, type Wrangler, remoteQuery } from "./deploy-config";

export interface SmokeTarget {
  baseUrl: string;
  did: string;
  version: string;
  /** A stored certificate to fetch and verify (none before the first issuance). */
  certificateId?: string;
}

/** Throws an Error naming the first check that failed. */
export async function smokeTest(io: DeployIo, t: SmokeTarget): Promise<void> {
  const get = async (path: string, accept = "application/json") => {
    const res = await io.fetch(t.baseUrl + path, { headers: { accept } });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return res;
  };
  let health: { status?: string; version?: string; checks?: Record<string, string> } = {};
  for (let attempt = 0; attempt < 24; attempt++) {
    const res = await io.fetch(`${t.baseUrl}/health`, { headers: { accept: "application/json" } });
    health = (await res.json().catch(() => ({}))) as typeof health;
    if (health.version === t.version) break;
    await io.sleep(5000);
  }
  if (health.version !== t.version)
    throw new Error(`the live version is ${health.version ?? "unknown"}, not ${t.version}`);
  if (health.status !== "ok") throw new Error(`/health is ${health.status}: ${JSON.stringify(health.checks)}`);
  io.log("  /health: ok (signs and verifies with the published key)");

  const did = (await (await get("/.well-known/did.json")).json()) as { id?: string; assertionMethod?: unknown[] };
  if (did.id !== t.did || !did.assertionMethod?.length)
    throw new Error(`the DID document is ${did.id} with ${did.assertionMethod?.length ?? 0} assertion methods`);
  io.log(`  DID document: ${did.id}`);
  await get("/.well-known/jwks.json");

  if (!t.certificateId) {
    io.log("  no certificate issued yet: status list and certificate checks skipped");
    return;
  }
  const credential = (await (await get(`/c/${t.certificateId}`)).json()) as {
    credentialStatus?: { statusListCredential?: string }[];
  };
  const list = credential.credentialStatus?.[0]?.statusListCredential;
  if (!list?.startsWith(t.baseUrl)) throw new Error(`certificate ${t.certificateId} names no status list of ours`);
  await get(list.slice(t.baseUrl.length));
  io.log(`  status list ${list}: ok`);
  const res = await io.fetch(`${t.baseUrl}/credentials/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ verifiableCredential: credential }),
  });
  const verdict = (await res.json().catch(() => ({}))) as { verified?: boolean; errors?: unknown };
  if (res.status !== 200 || verdict.verified !== true)
    throw new Error(
      `certificate ${t.certificateId} does not verify: ${res.status} ${JSON.stringify(verdict).slice(0, 300)}`,
    );
  io.log(`  certificate ${t.certificateId}: verifies`);
}

/** The newest certificate on the remote database, for the smoke test to verify. */
export async function latestCertificateId(wrangler: Wrangler): Promise<string | undefined> {
  const out = await remoteQuery(wrangler, "SELECT id FROM certificates ORDER BY issued_at DESC LIMIT 1");
  return /"id"\s*:\s*"([A-Za-z0-9_-]+)"/.exec(out)?.[1];
}
