/**
 * The public routes a bench certificate exercises, as route-cpu cases, and the cold-isolate run: the
 * service restarted on the same state folder (a new workerd, a new isolate), then the first request
 * of each route measured once, in order. Earlier routes warm code that later ones share (router,
 * middleware), so each figure is "first request of this route in a new isolate"; the demo
 * certificates' idempotent re-issue at start-up has run before.
 */
import type { RouteCase } from "./route-cpu";
import { median } from "./http-rounds";

/**
 * Issues one certificate of `champions-2023-online` through `POST /admin/certificates` (the route
 * admins use); resolves to its id and QR URL.
 */
export async function issueOne(
  base: string,
  adminToken: string,
  name = "Bench Person",
  email = "bench@example.org",
): Promise<{ id: string; qrUrl: string }> {
  const r = await fetch(`${base}/admin/certificates`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ recipient: { name, email }, achievementId: "champions-2023-online" }),
    // An answer takes milliseconds: one that has not come in a minute is a hang to report, not to wait for.
    signal: AbortSignal.timeout(60_000),
  });
  if (r.status !== 201) throw new Error(`POST /admin/certificates: ${r.status} ${await r.text()}`);
  return (await r.json()) as { id: string; qrUrl: string };
}

/** What the routes need: the service and one certificate with its files. */
export interface RouteFixture {
  base: string;
  id: string;
  verifyBody: string;
  jwt: string;
  pdf: Uint8Array;
  statusPath: string;
}

/**
 * Sent with every measured request. Without it, miniflare's entry worker gzips text/html and
 * application/json answers in the same workerd process, as Cloudflare's edge (FL) does after the
 * Worker has answered: compression a deployed Worker's CPU time does not include. (Node's fetch
 * asks for gzip by default.)
 */
export const AS_BILLED: Readonly<Record<string, string>> = { "accept-encoding": "identity" };

/** GET `url`, expecting `status`. */
export function getCase(name: string, url: string, headers: Record<string, string> = {}, status = 200): RouteCase {
  return {
    name,
    run: async () => {
      const r = await fetch(url, { headers: { ...AS_BILLED, ...headers } });
      await r.arrayBuffer();
      if (r.status !== status) throw new Error(`${name}: ${r.status}`);
    },
  };
}

/**
 * The trivial route every "− trivial" figure subtracts: a CORS preflight of a public path (204),
 * which runs the Worker's whole middleware chain and nothing else: no D1, no Cache API, no log line.
 * Until 2026-12-02 it was an unknown path (404), but every status of 400 or more writes a request
 * log line (routes/operations.ts requestLog) that the measured routes (all 200) do not write: about
 * 1.3 ms of workerd CPU, so every figure it was subtracted from came out about that much too small.
 */
export function trivialCase(base: string, name = TRIVIAL): RouteCase {
  return {
    name,
    run: async () => {
      const r = await fetch(`${base}/c/trivial`, {
        method: "OPTIONS",
        headers: { ...AS_BILLED, origin: "https://example.org", "access-control-request-method": "GET" },
      });
      await r.arrayBuffer();
      if (r.status !== 204) throw new Error(`${name}: ${r.status}`);
    },
  };
}

/** The trivial route's name in the tables. */
export const TRIVIAL = "OPTIONS /c/{id} (CORS preflight, 204: middleware only, no D1, no log line; trivial route)";

function verifyCase(base: string, name: string, body: BodyInit, type: string): RouteCase {
  return {
    name,
    run: async () => {
      const r = await fetch(`${base}/credentials/verify`, {
        method: "POST",
        headers: { ...AS_BILLED, "content-type": type },
        body,
      });
      const out = (await r.json()) as { verified?: boolean };
      if (out.verified !== true) throw new Error(`${name}: ${r.status} ${JSON.stringify(out)}`);
    },
  };
}

/**
 * Work done inside the Worker's isolate alone, for checking a CPU method against another: `POST
 * /presentations/verify` with an unsigned presentation of `n` copies of `f`'s credential, each
 * named differently and claiming another issuer. Each copy runs the data model, the JSON Schema and
 * a canonicalization, then fails as not WeGO's (400, ERR_UNKNOWN_ISSUER): no D1, R2 or cache call.
 */
export function isolateOnlyCase(f: RouteFixture, n = 40): RouteCase {
  const vc = (JSON.parse(f.verifyBody) as { verifiableCredential: Record<string, unknown> }).verifiableCredential;
  const issuer = vc.issuer as Record<string, unknown>;
  const body = JSON.stringify({
    verifiablePresentation: {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiablePresentation"],
      verifiableCredential: Array.from({ length: n }, (_, i) => ({
        ...vc,
        name: `${String(vc.name)} ${i}`,
        issuer: { ...issuer, id: "did:web:example.org" },
      })),
    },
  });
  const name = `POST /presentations/verify, ${n} credentials of another issuer (isolate work only: data model, JSON Schema, canonicalization; no D1)`;
  return {
    name,
    run: async () => {
      const r = await fetch(`${f.base}/presentations/verify`, {
        method: "POST",
        headers: { ...AS_BILLED, "content-type": "application/json" },
        body,
      });
      const text = await r.text();
      if (r.status !== 400 || !text.includes("ERR_UNKNOWN_ISSUER"))
        throw new Error(`${name}: ${r.status} ${text.slice(0, 300)}`);
    },
  };
}

/**
 * The calibration's reference: the same route answering 400 to a body without a presentation (the
 * request schema refuses it), so it writes the same request log line as {@link isolateOnlyCase}
 * (every status of 400 or more is logged) and does next to no work.
 */
export function isolateOnlyReference(base: string): RouteCase {
  const name = "POST /presentations/verify, no presentation (400: the same log line, no verification)";
  return {
    name,
    run: async () => {
      const r = await fetch(`${base}/presentations/verify`, {
        method: "POST",
        headers: { ...AS_BILLED, "content-type": "application/json" },
        body: "{}",
      });
      const text = await r.text();
      if (r.status !== 400) throw new Error(`${name}: ${r.status} ${text.slice(0, 300)}`);
    },
  };
}

/** Every public route the 10 ms line applies to. */
export function publicRouteCases(f: RouteFixture): RouteCase[] {
  const b = f.base;
  return [
    getCase("GET /c/{id} (HTML page)", `${b}/c/${f.id}`, { accept: "text/html" }),
    getCase("GET /c/{id}.json", `${b}/c/${f.id}.json`),
    getCase("GET /c/{id}.jwt", `${b}/c/${f.id}.jwt`),
    getCase("GET /c/{id}.pdf", `${b}/c/${f.id}.pdf`),
    getCase(`GET ${f.statusPath} (status list)`, `${b}${f.statusPath}`),
    getCase("GET /.well-known/did.json", `${b}/.well-known/did.json`),
    verifyCase(b, "POST /credentials/verify (JSON)", f.verifyBody, "application/json"),
    verifyCase(
      b,
      "POST /credentials/verify (VC-JWT)",
      JSON.stringify({ verifiableCredential: f.jwt }),
      "application/json",
    ),
    verifyCase(b, "POST /credentials/verify (PDF)", f.pdf as Uint8Array<ArrayBuffer>, "application/pdf"),
  ];
}

/** Reads a certificate's files through the service. */
export async function routeFixture(base: string, id: string): Promise<RouteFixture> {
  const credential = (await (await fetch(`${base}/c/${id}.json`)).json()) as { credentialStatus?: unknown };
  // credentialStatus is one entry or an array of entries (VC 2.0 §4.10).
  const entry = [credential.credentialStatus].flat()[0] as { statusListCredential?: string };
  return {
    base,
    id,
    verifyBody: JSON.stringify({ verifiableCredential: credential }),
    jwt: await (await fetch(`${base}/c/${id}.jwt`)).text(),
    pdf: new Uint8Array(await (await fetch(`${base}/c/${id}.pdf`)).arrayBuffer()),
    statusPath: new URL(String(entry?.statusListCredential)).pathname,
  };
}

/**
 * The cold table: each route's first request in each new isolate (`ms`, one value per isolate), the
 * median raw and minus the trivial route's warm median.
 */
export function coldTable(cold: { name: string; ms: number[] }[], trivialMs: number): string[] {
  return [
    "| route, first request in a new isolate | CPU median (ms) | − trivial median (ms) | raw, per isolate (ms) | ≤ 10 ms? |",
    "|---|---|---|---|---|",
    ...cold.map((c) => {
      const m = median(c.ms);
      return `| ${c.name} | ${m.toFixed(2)} | ${(m - trivialMs).toFixed(2)} | ${c.ms.map((x) => x.toFixed(2)).join(", ")} | ${m - trivialMs <= 10 ? "yes" : "NO"} |`;
    }),
  ];
}
