/**
 * The npm Chromium (test/e2e/support/npm-chromium.ts) really is self-contained: the running browser
 * maps the package's own NSS/NSPR/expat and nothing from the system but glibc and libgcc, and it
 * draws Hangul with the project's Noto fonts. These are the two things that fail on a machine
 * without Debian's chromium package while passing silently on one that has it.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium, type BrowserServer } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_FLAGS } from "./support/browser";
import { BUNDLED_LIBRARIES, npmChromium } from "./support/npm-chromium";

/** Shared objects of glibc and the GCC runtime, which any Linux with Node has. */
const BASE_SYSTEM =
  /^(ld-linux-x86-64\.so\.2|libc\.so\.6|libm\.so\.6|libdl\.so\.2|libpthread\.so\.0|librt\.so\.1|libgcc_s\.so\.1)$/;

let server: BrowserServer;
const npm = npmChromium();

beforeAll(async () => {
  server = await chromium.launchServer({ executablePath: npm.executablePath, args: CHROMIUM_FLAGS, env: npm.env });
});
afterAll(async () => {
  await server?.close();
});

/** Files mapped into a process (Linux /proc/<pid>/maps). */
function mappedFiles(pid: number): string[] {
  const files = new Set<string>();
  for (const line of fs.readFileSync(`/proc/${pid}/maps`, "utf8").split("\n")) {
    const file = line.split(/\s+/).slice(5).join(" ");
    if (file.startsWith("/")) files.add(file.replace(/ \(deleted\)$/, ""));
  }
  return [...files].sort();
}

describe("Chromium from npm", () => {
  it("maps the package's NSS, NSPR and expat, and from the system only glibc and libgcc", async () => {
    const browser = await chromium.connect(server.wsEndpoint());
    const page = await browser.newPage();
    await page.setContent("<p>x</p>");
    const libs = mappedFiles(server.process().pid!).filter((f) => /\.so(\.\d+)*$/.test(f));
    await browser.close();
    const cacheDir = path.dirname(npm.executablePath);
    for (const lib of BUNDLED_LIBRARIES) expect(libs, lib).toContain(path.join(npm.libDir, lib));
    const fromSystem = libs.filter((f) => !f.startsWith(cacheDir + path.sep));
    expect(
      fromSystem.filter((f) => !BASE_SYSTEM.test(path.basename(f))),
      JSON.stringify(fromSystem),
    ).toEqual([]);
  });

  it("draws Hangul with the project's Noto Sans KR (its own package has only Open Sans)", async () => {
    const browser = await chromium.connect(server.wsEndpoint());
    const page = await browser.newPage();
    await page.setContent('<p id="ko" style="font-family: sans-serif">김민준 유효함</p>');
    const cdp = await page.context().newCDPSession(page);
    const { root } = await cdp.send("DOM.getDocument");
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector: "#ko" });
    await cdp.send("CSS.enable");
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
    await browser.close();
    const hangul = fonts.filter((f) => /Noto Sans KR/i.test(f.familyName));
    expect(
      hangul.reduce((n, f) => n + f.glyphCount, 0),
      JSON.stringify(fonts),
    ).toBe(6);
  });
});
