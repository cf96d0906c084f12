/**
 * Phone time-to-verdict: an employer scans the QR code with a phone on a slow mobile network. A fresh
 * Chromium context (nothing cached, no service worker yet) at a phone's viewport opens the QR URL
 * with the Chrome DevTools Protocol throttling the network to Lighthouse's "Slow 4G" (562.5 ms
 * request latency, 1.47 Mbit/s down, 675 kbit/s up: lighthouse-core/config/constants.js,
 * mobileSlow4G with devtools throttling) and the CPU 4× slower; the clock runs from the start of the
 * navigation until the verdict banner (`#verdict`, data-verdict) is visible, after one unmeasured
 * unthrottled load (server and browser warm; each measured context still starts with an empty cache). The Chromium is the
 * npm one the e2e suite uses (test/e2e/support/browser.ts).
 */
import { launchChromium } from "../test/e2e/support/browser";

/** Lighthouse mobileSlow4G, devtools throttling (latency and throughputs already scaled). */
export const SLOW_4G = { latency: 562.5, downloadKbps: 1474.56, uploadKbps: 675 } as const;
export const CPU_SLOWDOWN = 4;

/** One phone load. */
export interface PhoneRun {
  /** Navigation start to the verdict banner visible (Node's clock). */
  verdictMs: number;
  /** First contentful paint, from the page's own timeline. */
  fcpMs: number;
  /** Bytes the page transferred (HTML, CSS, scripts, images) by the time of the verdict. */
  bytes: number;
  verdict: string;
}

/** Opens `url` `runs` times, each in a fresh context, and returns every run. */
export async function phoneTimeToVerdict(url: string, runs: number): Promise<PhoneRun[]> {
  const browser = await launchChromium();
  const out: PhoneRun[] = [];
  try {
    // One unmeasured, unthrottled load: the server's page code and Chromium's renderer start warm.
    const warm = await browser.newContext();
    await (await warm.newPage()).goto(url);
    await warm.close();
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
        locale: "en-GB",
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: SLOW_4G.latency,
        downloadThroughput: (SLOW_4G.downloadKbps * 1024) / 8,
        uploadThroughput: (SLOW_4G.uploadKbps * 1024) / 8,
      });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
      let bytes = 0;
      cdp.on("Network.loadingFinished", (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
      const started = performance.now();
      await page.goto(url, { waitUntil: "commit" });
      const banner = page.locator("#verdict[data-verdict]");
      await banner.waitFor({ state: "visible", timeout: 60_000 });
      const verdictMs = performance.now() - started;
      const verdict = (await banner.getAttribute("data-verdict")) ?? "";
      const fcpMs = (await page.evaluate(
        `performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN`,
      )) as number;
      out.push({ verdictMs, fcpMs, bytes, verdict });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

/** The phone table: every run, then the median and the worst against the 1.5 s target. */
export function phoneTable(runs: PhoneRun[]): string[] {
  const ms = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "—");
  const sorted = runs.map((p) => p.verdictMs).sort((a, b) => a - b);
  const worst = sorted.at(-1) ?? Number.NaN;
  return [
    "| phone load of the QR URL | time to verdict (ms) | first contentful paint (ms) | bytes | verdict |",
    "|---|---|---|---|---|",
    ...runs.map(
      (p, i) =>
        `| run ${i + 1} | ${ms(p.verdictMs)} | ${ms(p.fcpMs)} | ${p.bytes.toLocaleString("en-US")} | ${p.verdict} |`,
    ),
    `| median / worst (target < 1,500 ms) | ${ms(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN)} / ${ms(worst)} | — | — | ${worst < 1500 ? "met" : "NOT met"} |`,
  ];
}
