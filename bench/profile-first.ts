/**
 * V8 CPU profile of a new isolate's first request (issue 15): `npx tsx bench/profile-first.ts <path>
 * [accept]`. Starts the service (BENCH_PORT, default 8791; inspector on BENCH_PORT + 20000), issues
 * one certificate and waits for its background work, restarts on the same state, then profiles the
 * first request to `<path>` (`{id}` is replaced by the certificate's id) through workerd's inspector
 * (Chrome DevTools Protocol, 50 µs sampling) and prints self time by function and by module.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { startService, type RunningService } from "../test/reliability/support/service";
import { settle } from "./pdf-first";
import { findWorkerd } from "./route-cpu";

const PORT = Number(process.env.BENCH_PORT ?? 8791);
const INSPECTOR = PORT + 20_000;
const BASE = `http://127.0.0.1:${PORT}`;
const target = process.argv[2] ?? "/c/{id}.pdf";
const accept = process.argv[3];
const persist = fs.mkdtempSync(path.join(os.tmpdir(), "wego-profile-"));
let service: RunningService | undefined;
const start = async () => {
  await service?.stop();
  service = await startService(PORT, persist, { rateLimitOff: true, timeoutMs: 300_000 });
  return findWorkerd(service.pid);
};

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

async function profileOnce(run: () => Promise<void>): Promise<Profile> {
  const list = (await (await fetch(`http://127.0.0.1:${INSPECTOR}/json`)).json()) as { webSocketDebuggerUrl: string }[];
  const ws = new WebSocket(list[0]!.webSocketDebuggerUrl);
  await new Promise((r, j) => (ws.once("open", r), ws.once("error", j)));
  let seq = 0;
  const pending = new Map<number, (v: unknown) => void>();
  ws.on("message", (m) => {
    const msg = JSON.parse(String(m)) as { id?: number; result?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
  });
  const send = (method: string, params: object = {}) =>
    new Promise<any>((r) => {
      const id = ++seq;
      pending.set(id, r);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: Number(process.env.PROFILE_INTERVAL_US ?? 50) });
  await send("Profiler.start");
  await run();
  await new Promise((r) => setTimeout(r, 200));
  const { profile } = await send("Profiler.stop");
  ws.close();
  return profile as Profile;
}

try {
  await start();
  const r = await fetch(`${BASE}/admin/certificates`, {
    method: "POST",
    headers: { authorization: `Bearer ${service!.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      recipient: { name: "Profile Person", email: "p@example.org" },
      achievementId: "champions-2023-online",
    }),
  });
  const { id } = (await r.json()) as { id: string };
  await settle(findWorkerd(service!.pid));
  await start();
  // PROFILE_WARM=<path>: a request before the profiled one (same id), e.g. to start D1 first.
  if (process.env.PROFILE_WARM) await (await fetch(BASE + process.env.PROFILE_WARM.replace("{id}", id))).arrayBuffer();
  const url = BASE + target.replace("{id}", id);
  const profile = await profileOnce(async () => {
    const res = await fetch(url, { headers: accept ? { accept } : {} });
    await res.arrayBuffer();
    console.log(`${url}: ${res.status} ${res.headers.get("server-timing") ?? ""}`);
  });
  const self = new Map<number, number>();
  profile.samples.forEach((s, i) => self.set(s, (self.get(s) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, number>();
  const byUrl = new Map<string, number>();
  for (const n of profile.nodes) {
    const us = self.get(n.id) ?? 0;
    if (!us || n.callFrame.functionName === "(idle)") continue;
    const file = n.callFrame.url.split("/").slice(-2).join("/") || "(native)";
    const fnKey = `${n.callFrame.functionName || "(anonymous)"} ${file}:${n.callFrame.lineNumber}`;
    byFn.set(fnKey, (byFn.get(fnKey) ?? 0) + us);
    byUrl.set(file, (byUrl.get(file) ?? 0) + us);
  }
  const total = [...byFn.values()].reduce((a, b) => a + b, 0);
  const parent = new Map<number, Node>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const stacks = profile.nodes
    .filter((n) => (self.get(n.id) ?? 0) > 1000 && n.callFrame.functionName !== "(idle)")
    .sort((a, b) => self.get(b.id)! - self.get(a.id)!)
    .slice(0, 8)
    .map((n) => {
      const chain: string[] = [];
      for (let p: Node | undefined = n; p && chain.length < 12; p = parent.get(p.id))
        chain.push(`${p.callFrame.functionName || "(anonymous)"}:${p.callFrame.lineNumber}`);
      return `${((self.get(n.id) ?? 0) / 1000).toFixed(2).padStart(7)} ms  ${chain.join(" < ")}`;
    });
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `${(us / 1000).toFixed(2).padStart(7)} ms  ${k}`)
      .join("\n");
  console.log(
    `busy ${(total / 1000).toFixed(2)} ms (self time, idle excluded)\n\nby function:\n${top(byFn, 40)}\n\nby module:\n${top(byUrl, 25)}\n\nheaviest stacks:\n${stacks.join("\n")}`,
  );
} finally {
  await service?.stop();
  fs.rmSync(persist, { recursive: true, force: true });
}
