/** The tests' resend of wrangler's dev-proxy 503 (test/support/dev-proxy.ts): that 503 only, replayable bodies only. */
import { describe, expect, it } from "vitest";
import {
  devProxyResend,
  installDevProxyResend,
  NUDGE_PATH,
  releaseParked,
  RESTART_TEXT,
} from "../../support/dev-proxy";

const restart = () => new Response(RESTART_TEXT, { status: 503, headers: { "Retry-After": "0" } });

/** A fetch that answers from `answers` in turn and records what it was asked. */
function scripted(answers: (() => Response)[]) {
  const calls: { input: unknown; init: RequestInit | undefined }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ input, init });
    const next = answers.shift();
    if (!next) throw new Error("no more answers");
    return next();
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe("devProxyResend", () => {
  it("sends a POST again after wrangler's restart 503, with the same body, and says so", async () => {
    const s = scripted([restart, () => new Response("ok", { status: 201 })]);
    const warned: string[] = [];
    const res = await devProxyResend(s.fetch, (l) => warned.push(l))("http://127.0.0.1:1/admin/x", {
      method: "POST",
      body: '{"a":1}',
    });
    expect(res.status).toBe(201);
    expect(s.calls).toHaveLength(2);
    expect(s.calls[1]!.init?.body).toBe('{"a":1}');
    expect(warned).toEqual([expect.stringContaining("POST http://127.0.0.1:1/admin/x")]);
  });

  it("gives up after `attempts` resends and returns the last 503", async () => {
    const s = scripted([restart, restart, restart, () => new Response("never")]);
    const res = await devProxyResend(s.fetch, () => {}, 2)("http://h/p", { method: "POST", body: "x" });
    expect(res.status).toBe(503);
    expect(await res.text()).toBe(RESTART_TEXT);
    expect(s.calls).toHaveLength(3);
  });

  it("returns every other answer as it came: our own 503s, other texts, a missing Retry-After", async () => {
    const ours = () =>
      new Response('{"code":"ERR_UNAVAILABLE"}', {
        status: 503,
        headers: { "Retry-After": "0", "content-type": "application/problem+json" },
      });
    const noRetryAfter = () => new Response(RESTART_TEXT, { status: 503 });
    const longer = () => new Response(RESTART_TEXT + " ", { status: 503, headers: { "Retry-After": "0" } });
    for (const answer of [ours, noRetryAfter, longer, () => new Response(RESTART_TEXT, { status: 500 })]) {
      const s = scripted([answer, () => new Response("second")]);
      const res = await devProxyResend(s.fetch, () => {})("http://h/p", { method: "POST", body: "x" });
      expect(s.calls).toHaveLength(1);
      expect(res.status).not.toBe(200);
    }
  });

  it("does not resend a body that cannot be replayed (a stream, a Request with a body)", async () => {
    const stream = () =>
      new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode("x"));
          c.close();
        },
      });
    const s1 = scripted([restart, () => new Response("second")]);
    const r1 = await devProxyResend(s1.fetch, () => {})("http://h/p", {
      method: "POST",
      body: stream(),
      duplex: "half",
    } as RequestInit);
    expect(r1.status).toBe(503);
    expect(s1.calls).toHaveLength(1);

    const s2 = scripted([restart, () => new Response("second")]);
    const r2 = await devProxyResend(s2.fetch, () => {})(new Request("http://h/p", { method: "POST", body: "x" }));
    expect(r2.status).toBe(503);
    expect(s2.calls).toHaveLength(1);
  });

  it("resends a bodiless request and replayable bodies (FormData, bytes, URLSearchParams)", async () => {
    for (const body of [undefined, new FormData(), new Uint8Array([1, 2]), new URLSearchParams("a=1")]) {
      const s = scripted([restart, () => new Response("ok")]);
      const res = await devProxyResend(s.fetch, () => {})("http://h/p", { method: "DELETE", body });
      expect(res.status).toBe(200);
      expect(s.calls).toHaveLength(2);
    }
  });
});

describe("releaseParked", () => {
  it("sends HEADs of the nudge path to the request's origin while it waits, and none once it is answered", async () => {
    const calls: string[] = [];
    let answer!: (r: Response) => void;
    const inner = (async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push(`${init?.method ?? "GET"} ${String(input)}`);
      if (init?.method === "HEAD") return new Response(null);
      return new Promise<Response>((r) => (answer = r));
    }) as typeof globalThis.fetch;
    const pending = releaseParked(inner, 30, 20)("http://127.0.0.1:9/c/abc.json");
    // Until two nudges are seen (a busy machine may run the timers late), at most 10 s.
    const nudges = () => calls.filter((c) => c === `HEAD http://127.0.0.1:9${NUDGE_PATH}`).length;
    for (let i = 0; i < 500 && nudges() < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(nudges()).toBeGreaterThanOrEqual(2);
    answer(new Response("ok"));
    expect(await (await pending).text()).toBe("ok");
    const after = calls.length;
    await new Promise((r) => setTimeout(r, 80));
    expect(calls.length).toBe(after);
  });

  it("adds no request to one answered before `afterMs`", async () => {
    const calls: string[] = [];
    const inner = (async (input: RequestInfo | URL) => {
      calls.push(String(input));
      return new Response("ok");
    }) as typeof globalThis.fetch;
    await releaseParked(inner, 30, 20)("http://127.0.0.1:9/x");
    await new Promise((r) => setTimeout(r, 80));
    expect(calls).toEqual(["http://127.0.0.1:9/x"]);
  });
});

describe("installDevProxyResend", () => {
  it("wraps the global fetch once however often a setup file runs", async () => {
    const original = globalThis.fetch;
    let calls = 0;
    globalThis.fetch = (async () => {
      calls++;
      return restart();
    }) as typeof globalThis.fetch;
    try {
      installDevProxyResend();
      const once = globalThis.fetch;
      installDevProxyResend();
      expect(globalThis.fetch).toBe(once);
      const res = await globalThis.fetch("http://h/p", { method: "POST", body: "x" });
      expect(res.status).toBe(503);
      expect(calls).toBe(3); // the first answer and two resends, not 3 × 3
    } finally {
      globalThis.fetch = original;
    }
  });
});
