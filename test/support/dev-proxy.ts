/**
 * Two failures of wrangler 4.79's dev proxy (not of the service), and what the e2e and reliability
 * tests do about them.
 *
 * `wrangler dev` runs two workerd processes: a proxy Worker on the public port, which forwards every
 * request over a pooled connection to the process that runs our Worker. kj closes an idle pooled
 * connection after 5 s on both sides at once, so a request written onto one as it closes fails
 * before it reaches our Worker (cloudflare/workers-sdk#14641; #15252 explains the timers). The
 * proxy (templates/startDevWorker/ProxyWorker.ts) then compares the request's full URL with the
 * Worker's bare origin, takes the mismatch for a Worker restart, and:
 * - answers any method but GET and HEAD with `503` and {@link RESTART_TEXT} (CI 2026-12-02 12:11:
 *   a batch's `/process` POST, with no request line from the Worker);
 * - parks a GET or HEAD until the next request reaches the proxy, which may be never (CI 12:44: the
 *   batch report's GET waited 173 s, until the next test's first request, then took 44 ms).
 *
 * So: {@link installDevProxyResend} sends such a 503 again when the body can be replayed, and the
 * e2e services send a HEAD for a static file every second ({@link NUDGE_PATH}), which releases a
 * parked request within a second. The benchmark, which must not add requests to its measurements,
 * sends those HEADs only while one of its requests has been waiting for {@link releaseParked}'s
 * `afterMs`.
 */

/** The exact body of wrangler's 503 (ProxyWorker.ts). Nothing of ours answers it. */
export const RESTART_TEXT =
  "Your worker restarted mid-request. Please try sending the request again. Only GET or HEAD requests are retried automatically.";

/** A static file (served without running the Worker) that the e2e services request every second. */
export const NUDGE_PATH = "/static/verify.js";

type Fetch = typeof globalThis.fetch;

/** Whether `init`'s body can be sent a second time as it is (a stream or a consumed Request cannot). */
function replayable(input: Parameters<Fetch>[0], init: Parameters<Fetch>[1]): boolean {
  if (input instanceof Request) return input.body === null && init?.body === undefined;
  const body = init?.body;
  return (
    body === undefined ||
    body === null ||
    typeof body === "string" ||
    body instanceof URLSearchParams ||
    body instanceof FormData ||
    body instanceof Blob ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body)
  );
}

/**
 * Wraps `fetch` so that wrangler's dev-proxy 503 ({@link RESTART_TEXT}) is sent again, up to
 * `attempts` times, when the request body can be replayed; every resend is reported through `warn`.
 * Any other answer, a 503 of ours included, is returned as it came.
 */
export function devProxyResend(inner: Fetch, warn: (line: string) => void, attempts = 2): Fetch {
  return async (input, init) => {
    let res = await inner(input, init);
    for (let i = 0; i < attempts && res.status === 503 && replayable(input, init); i++) {
      if (res.headers.get("retry-after") !== "0") break;
      const text = await res.clone().text();
      if (text !== RESTART_TEXT) break;
      const method = init?.method ?? (input instanceof Request ? input.method : "GET");
      const url = input instanceof Request ? input.url : String(input);
      // "Probably": the race is a request written onto a closing connection, which the Worker never
      // reads; a connection lost after the Worker read it would look the same.
      warn(
        `wrangler dev's proxy dropped ${method} ${url}, probably before it reached the Worker (workers-sdk#14641): sent again`,
      );
      await res.body?.cancel();
      res = await inner(input, init);
    }
    return res;
  };
}

/**
 * Sends one `HEAD` of {@link NUDGE_PATH} to `origin` (given up after 5 s, its outcome ignored): any
 * request reaching wrangler's proxy makes it send on the requests it parked.
 */
export function nudgeProxy(fetch: Fetch, origin: string): void {
  fetch(origin + NUDGE_PATH, { method: "HEAD", signal: AbortSignal.timeout(5000) }).then(
    (r) => r.body?.cancel(),
    () => {},
  );
}

/**
 * Wraps `fetch` so that a request still unanswered after `afterMs` gets a `HEAD` of
 * {@link NUDGE_PATH} on its origin every `everyMs` until it settles: a GET wrangler's proxy parked
 * is then sent on within `everyMs`. Requests answered in time cost nothing extra.
 */
export function releaseParked(inner: Fetch, afterMs = 3000, everyMs = 1000): Fetch {
  return async (input, init) => {
    const origin = new URL(input instanceof Request ? input.url : String(input)).origin;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const nudge = () => {
      nudgeProxy(inner, origin);
      timer = setTimeout(nudge, everyMs);
    };
    timer = setTimeout(nudge, afterMs);
    try {
      return await inner(input, init);
    } finally {
      clearTimeout(timer);
    }
  };
}

const WRAPPED = Symbol.for("wego.devProxyWrapped");

/** Replaces the global `fetch` with `wrap(fetch)` once per process (a setup file may run per test file). */
function wrapGlobalFetch(wrap: (inner: Fetch) => Fetch): void {
  const current = globalThis.fetch as Fetch & { [WRAPPED]?: true };
  if (current[WRAPPED]) return;
  globalThis.fetch = Object.assign(wrap(current.bind(globalThis)), { [WRAPPED]: true as const });
}

/** Installs {@link devProxyResend} over the global `fetch` (a vitest setup file calls it). */
export function installDevProxyResend(): void {
  wrapGlobalFetch((inner) => devProxyResend(inner, (line) => console.warn(line)));
}

/** Installs {@link releaseParked} and {@link devProxyResend} over the global `fetch` (the benchmark). */
export function installBenchDevProxyWorkarounds(): void {
  wrapGlobalFetch((inner) => devProxyResend(releaseParked(inner), (line) => console.warn(`[bench] ${line}`)));
}
