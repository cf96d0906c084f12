/**
 * A new isolate's first PDF (issue 15): `npx tsx bench/pdf-cold.ts [rounds]` (about 1 minute per round).
 * Starts the service as `npm run bench` does (WEGO_PORT from BENCH_PORT, default 8791), issues
 * certificates, measures the trivial route warm (median of 100), then per round restarts the
 * service twice on the same state (a new workerd, a new isolate) and measures, once each:
 * 1. as the isolate's first request, the PDF of a Latin-named certificate never rendered, then the
 *    PDF of a Hangul-named one printed in Korean (`?lang=ko`, NotoSansKR loaded and subset);
 * 2. the trivial route as the first request (the floor: router and middleware compiled), then a
 *    never-rendered Latin PDF.
 * Same method as route-cpu.ts (workerd process CPU from /proc); figures "− trivial" subtract the
 * trivial route's warm median.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startService, type RunningService } from "../test/reliability/support/service";
import { getCase } from "./cold";
import { findWorkerd, measureOnce, measureRoute } from "./route-cpu";

const ROUNDS = Number(process.argv[2] ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 8791);
const BASE = `http://127.0.0.1:${PORT}`;
const persist = fs.mkdtempSync(path.join(os.tmpdir(), "wego-pdf-cold-"));
const log = (m: string) => console.error(`[pdf-cold] ${m}`);
let service: RunningService | undefined;
const restart = async () => {
  await service?.stop();
  service = await startService(PORT, persist, { rateLimitOff: true, timeoutMs: 300_000 });
  return findWorkerd(service.pid);
};
try {
  let pid = await restart();
  const issue = async (name: string) => {
    const r = await fetch(`${BASE}/admin/certificates`, {
      method: "POST",
      headers: { authorization: `Bearer ${service!.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ recipient: { name, email: "bench@example.org" }, achievementId: "champions-2023-online" }),
    });
    if (r.status !== 201) throw new Error(`issue: ${r.status} ${await r.text()}`);
    return ((await r.json()) as { id: string }).id;
  };
  const latin: string[] = [];
  const hangul: string[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    latin.push(await issue(`Bench Person ${i}`), await issue(`Ana Souza ${i}`));
    hangul.push(await issue(`김민준 ${i}`));
  }
  const trivialCase = getCase("trivial", `${BASE}/x`, {}, 404);
  const trivial = await measureRoute(pid, trivialCase, 100);
  const pdf = (id: string, lang = "") => getCase("pdf", `${BASE}/c/${id}.pdf${lang}`);
  const rows: Record<string, number[]> = { first: [], hangul: [], floor: [], after: [] };
  for (let i = 0; i < ROUNDS; i++) {
    pid = await restart();
    rows.first!.push(await measureOnce(pid, pdf(latin[2 * i]!)));
    rows.hangul!.push(await measureOnce(pid, pdf(hangul[i]!, "?lang=ko")));
    pid = await restart();
    rows.floor!.push(await measureOnce(pid, trivialCase));
    rows.after!.push(await measureOnce(pid, pdf(latin[2 * i + 1]!)));
    log(
      `round ${i + 1}: ${Object.values(rows)
        .map((r) => r.at(-1)!.toFixed(1))
        .join(" / ")} ms`,
    );
  }
  const f = (n: number) => n.toFixed(2);
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const t = trivial.medianMs;
  console.log(`trivial route warm median ${f(t)} ms (subtracted below); ${ROUNDS} rounds, raw ms in brackets`);
  console.log("| a new isolate's | CPU median − trivial (ms) | raw (ms) |\n|---|---|---|");
  for (const [label, key] of [
    ["first request: PDF of a Latin-named certificate never rendered", "first"],
    ["next request: PDF of a Hangul-named certificate in Korean, never rendered", "hangul"],
    ["first request: the trivial route (the floor)", "floor"],
    ["after the trivial route: PDF of a Latin-named certificate never rendered", "after"],
  ] as const)
    console.log(`| ${label} | ${f(med(rows[key]!) - t)} | ${rows[key]!.map(f).join(", ")} |`);
} finally {
  await service?.stop();
  fs.rmSync(persist, { recursive: true, force: true });
}
