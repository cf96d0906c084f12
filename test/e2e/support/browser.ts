/**
 * Headless Chromium through playwright-core, and axe-core in the page. By default the Chromium
 * comes from npm (@sparticuz/chromium, see npm-chromium.ts), so the e2e suite needs only Node;
 * CHROMIUM_PATH selects another one (e.g. Debian's /usr/bin/chromium) for the whole suite.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import type { Page } from "playwright-core";
import { npmChromium } from "./npm-chromium";

/**
 * Our launch flags, the same for every Chromium. Playwright adds its own automation flags and a
 * fresh temporary --user-data-dir for every launch() (it refuses --user-data-dir in `args`).
 * Not the npm package's `chromium.args`: they add --single-process, --disable-web-security and
 * --allow-running-insecure-content, which would hide exactly what the e2e tests check.
 */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A system Chromium: CHROMIUM_PATH, or Debian's /usr/bin/chromium when installed; null if none. */
export function systemChromiumPath(): string | null {
  const candidate = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  try {
    fs.accessSync(candidate, fs.constants.X_OK);
    return fs.statSync(candidate).isFile() ? candidate : null;
  } catch {
    return null;
  }
}

/** Launches a system Chromium at `executablePath` with our flags. */
export function launchSystemChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
}

/** Launches the Chromium the e2e suite uses: CHROMIUM_PATH if set, otherwise the npm one. */
export function launchChromium(): Promise<Browser> {
  if (process.env.CHROMIUM_PATH) return launchSystemChromium(process.env.CHROMIUM_PATH);
  const npm = npmChromium();
  return chromium.launch({ executablePath: npm.executablePath, args: CHROMIUM_FLAGS, env: npm.env });
}

const AXE = fs.readFileSync(path.resolve(import.meta.dirname, "../../../node_modules/axe-core/axe.min.js"), "utf8");

/** One axe violation, reduced to what a failure message needs. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules) in the page. Injected through the DevTools
 * protocol (`page.evaluate`), which the page's CSP does not apply to.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<any> } }).axe;
    const r = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n: any) => n.target.join(" ")),
    }));
  });
}

/** Saves a full-page screenshot under test-results/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.resolve(import.meta.dirname, "../../../test-results/screenshots");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
