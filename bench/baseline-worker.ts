/**
 * Apples-to-apples HTTP baseline for `npm run bench`: a bare Hono app inside workerd, started with the
 * same wrangler (`wrangler dev --config bench/baseline-wrangler.toml`, same compatibility date and
 * flags as wrangler.toml, no D1, no assets, no vars), doing one native Ed25519 verify per request
 * with WebCrypto. The key pair and a signed 64-byte message (the size of an eddsa-rdfc-2022 hash) are
 * generated once per isolate on first use (WebCrypto is not available at global scope in Workers).
 *
 * Routes: `GET /verify` and `POST /verify` (the POST body is parsed as JSON, like the node:http
 * baseline in bench/baseline-server.mjs), plus `GET /health` (no crypto) as the platform ceiling;
 * `GET /verify-logged` also writes the service's per-request log line.
 */
import { Hono } from "hono";

interface Fixture {
  publicKey: CryptoKey;
  message: Uint8Array;
  signature: ArrayBuffer;
}

let fixture: Promise<Fixture> | undefined;

async function makeFixture(): Promise<Fixture> {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const message = crypto.getRandomValues(new Uint8Array(64));
  const signature = (await crypto.subtle.sign({ name: "Ed25519" }, pair.privateKey, message)) as ArrayBuffer;
  return { publicKey: pair.publicKey, message, signature };
}

async function verifyOnce(): Promise<boolean> {
  fixture ??= makeFixture();
  const f = await fixture;
  return crypto.subtle.verify({ name: "Ed25519" }, f.publicKey, f.signature, f.message);
}

const app = new Hono<{ Bindings: { DB?: D1Database; R2?: R2Bucket } }>();

app.get("/health", (c) => c.json({ ok: true }));

app.get("/verify", async (c) => {
  const verified = await verifyOnce();
  return c.json({ verified, verdict: verified ? "valid" : "invalid" });
});

// GET /verify plus the one structured JSON log line per request that the service writes (issue 17;
// the same fields as requestLog in src/routes/operations.ts): what that line costs under wrangler dev,
// where workerd prints it and wrangler's Node process parses, prints and files it.
app.get("/verify-logged", async (c) => {
  const started = Date.now();
  const verified = await verifyOnce();
  const res = c.json({ verified, verdict: verified ? "valid" : "invalid" });
  console.log(
    JSON.stringify({
      level: "info",
      event: "request",
      requestId: crypto.randomUUID(),
      ray: c.req.header("cf-ray") ?? null,
      method: c.req.method,
      route: "/verify-logged",
      status: res.status,
      durationMs: Date.now() - started,
      actor: null,
      version: null,
    }),
  );
  return res;
});

app.post("/verify", async (c) => {
  try {
    await c.req.json();
  } catch {
    return c.json({ error: "invalid JSON" }, 400);
  }
  const verified = await verifyOnce();
  return c.json({ verified, verdict: verified ? "valid" : "invalid" });
});

// The same, plus one D1 round trip (the service reads the certificate's status row on every verify).
app.post("/verify-d1", async (c) => {
  try {
    await c.req.json();
  } catch {
    return c.json({ error: "invalid JSON" }, 400);
  }
  const row = await c.env.DB!.prepare("SELECT ?1 AS slot").bind(42).first<{ slot: number }>();
  const verified = (await verifyOnce()) && row?.slot === 42;
  return c.json({ verified, verdict: verified ? "valid" : "invalid" });
});

// The local R2 simulator's own cost (bench/pdf-first.ts): PUT stores a body once; GET reads it back
// whole, as the service reads a stored PDF. Measured as a new isolate's first request, it is the
// floor of a first stored-PDF download under wrangler dev that is not the service's code.
app.put("/r2", async (c) => {
  await c.env.R2!.put("object", await c.req.arrayBuffer());
  return c.json({ stored: true });
});
app.get("/r2", async (c) => {
  const obj = await c.env.R2!.get("object");
  if (!obj) return c.json({ error: "PUT /r2 first" }, 404);
  return c.body(await obj.arrayBuffer(), 200, { "Content-Type": "application/octet-stream" });
});
// One D1 call, as the service's start-up makes in every isolate the benchmark measures (scripts/dev.ts:
// its health check runs SELECT 1, the demo seeding reads and writes): bench/pdf-first.ts sends it,
// unmeasured, before a new isolate's measured first request, so that both Workers' first requests
// meet the same simulators already started.
app.get("/d1", async (c) => {
  const row = await c.env.DB!.prepare("SELECT 1 AS one").first<{ one: number }>();
  return c.json({ ok: row?.one === 1 });
});
// The same binding calls as the service's certificate page in a new isolate, and nothing else: one D1
// read (the row) and one Cache API read (the entry naming bytes another isolate verified).
app.get("/d1-cache", async (c) => {
  const row = await c.env.DB!.prepare("SELECT ?1 AS a").bind(1).first<{ a: number }>();
  const hit = await caches.default.match("https://floor.invalid/entry");
  return c.json({ ok: row?.a === 1, hit: hit !== undefined });
});
// The same binding calls as the service's stored-PDF download, and nothing else: two D1 reads (the
// certificate row, its status), one R2 read, one small Cache API write (the PDF's last good copy).
app.get("/r2-d1-cache", async (c) => {
  const [a, b] = await Promise.all([
    c.env.DB!.prepare("SELECT ?1 AS a").bind(1).first<{ a: number }>(),
    c.env.DB!.prepare("SELECT ?1 AS b").bind(2).first<{ b: number }>(),
  ]);
  const obj = await c.env.R2!.get("object");
  if (!obj || a?.a !== 1 || b?.b !== 2) return c.json({ error: "PUT /r2 first" }, 404);
  const bytes = await obj.arrayBuffer();
  await caches.default.put(
    "https://floor.invalid/copy",
    new Response(null, { headers: { "Cache-Control": "max-age=60" } }),
  );
  return c.body(bytes, 200, { "Content-Type": "application/octet-stream" });
});

export default app;
