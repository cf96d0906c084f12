/**
 * A Chromium that comes from npm alone: `@sparticuz/chromium` (a chrome-headless-shell build shipped
 * brotli-compressed inside the package, no download at install or run time), unpacked once into a
 * project cache folder and run with its own NSS/NSPR/expat libraries and the project's own fonts,
 * so that `npm ci && npm test` needs no Debian `chromium` package.
 *
 * What the package does, read in its source (`build/esm/index.js`, `helper.js`, `lambdafs.js` of
 * 147.0.0), and why this wrapper does it differently:
 * - `executablePath()` unpacks `bin/chromium.br`, `fonts.tar.br` and `swiftshader.tar.br` into
 *   `os.tmpdir()` and returns `<tmpdir>/chromium`; it returns that path as soon as it exists, so a
 *   binary left there by another version (or a half-written one) would be reused. We run it in a
 *   child process with TMPDIR set to a fresh staging folder, then rename the folder into
 *   `.cache/chromium/<package version>` (gitignored) only once complete: a later run reuses exactly
 *   what this package version unpacked, or unpacks again.
 * - The binary links libnss3, libnssutil3, libnspr4, libplc4, libplds4 and libexpat from the
 *   system; the package unpacks its own copies (`bin/al2023.tar.br` → `<tmpdir>/al2023/lib`) only
 *   when, at module load, `AWS_EXECUTION_ENV` (or `AWS_LAMBDA_JS_RUNTIME` / `CODEBUILD_BUILD_IMAGE`
 *   / `VERCEL`) names an Amazon Linux 2023 runtime, and then puts them on LD_LIBRARY_PATH of its own
 *   process only. That switch is undocumented, so we set it in the child process alone, check that
 *   the libraries arrived, and pass LD_LIBRARY_PATH to the browser ourselves
 *   (test/e2e/npm-chromium.test.ts checks which libraries the running browser mapped).
 * - It ships only Open Sans and a fonts.conf that points at Lambda folders (/var/task, /opt, /tmp),
 *   so Hangul would render as nothing. We write our own fonts.conf (FONTCONFIG_PATH) listing its
 *   Open Sans and the Noto fonts the project already depends on (@expo-google-fonts/*), and no
 *   system font folder, so screenshots do not depend on the machine's fonts.
 * - Its `chromium.args` add --single-process, --disable-web-security,
 *   --allow-running-insecure-content and more; we do not use them (see browser.ts for our flags).
 * The package is built for x64 Linux only (its arm64 binaries are a separate download).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const require = createRequire(import.meta.url);
/** The package folder (its package.json is not in its `exports`). */
const PKG_DIR = path.resolve(path.dirname(require.resolve("@sparticuz/chromium")), "../..");

/** The Amazon Linux 2023 runtime value that makes the package unpack its own NSS libraries. */
const AL2023_RUNTIME = "AWS_Lambda_nodejs20.x";

/** Libraries the binary needs that the package supplies (Debian gets them from libnss3, libnspr4, libexpat1). */
export const BUNDLED_LIBRARIES = [
  "libnss3.so",
  "libnssutil3.so",
  "libnspr4.so",
  "libplc4.so",
  "libplds4.so",
  "libexpat.so.1",
] as const;

/** An unpacked npm Chromium and the environment it must run with. */
export interface NpmChromium {
  version: string;
  executablePath: string;
  /** The package's own NSS/NSPR/expat (prepended to LD_LIBRARY_PATH). */
  libDir: string;
  /** Folder holding our fonts.conf (FONTCONFIG_PATH). */
  fontconfigDir: string;
  /** Environment for the browser process: the caller's, plus LD_LIBRARY_PATH and FONTCONFIG_PATH. */
  env: Record<string, string>;
}

function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(PKG_DIR, "package.json"), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** Font folders of the project's @expo-google-fonts/* dependencies (fontconfig scans them recursively). */
function notoFontDirs(): string[] {
  const scope = path.join(ROOT, "node_modules/@expo-google-fonts");
  return fs
    .readdirSync(scope)
    .filter((d) => d.startsWith("noto-"))
    .map((d) => path.join(scope, d))
    .sort();
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function writeFontsConf(dir: string, fontDirs: string[]): void {
  const conf = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    "<!-- Written by test/e2e/support/npm-chromium.ts: only the package's and the project's fonts. -->",
    "<fontconfig>",
    ...fontDirs.map((d) => `  <dir>${xml(d)}</dir>`),
    `  <cachedir>${xml(path.join(dir, "cache"))}</cachedir>`,
    "</fontconfig>",
    "",
  ].join("\n");
  fs.mkdirSync(dir, { recursive: true });
  // Written then renamed: test files running in parallel may write it at the same moment.
  const tmp = path.join(dir, `fonts.conf.${process.pid}`);
  fs.writeFileSync(tmp, conf);
  fs.renameSync(tmp, path.join(dir, "fonts.conf"));
}

/** Unpacks into a staging folder through the package itself, in a child process with its own env. */
function unpack(staging: string): void {
  const entry = path.join(PKG_DIR, "build/esm/index.js");
  const script = `import(${JSON.stringify(entry)}).then(async (m) => { process.stdout.write(await m.default.executablePath()); })`;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  // Only these three keys matter to the package; the rest keeps PATH/HOME of the caller.
  Object.assign(env, { TMPDIR: staging, AWS_EXECUTION_ENV: AL2023_RUNTIME });
  delete env.AWS_LAMBDA_JS_RUNTIME;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (path.resolve(out.trim()) !== path.join(staging, "chromium"))
    throw new Error(`@sparticuz/chromium unpacked to ${out.trim()}, expected ${staging}/chromium`);
  for (const lib of BUNDLED_LIBRARIES)
    if (!fs.existsSync(path.join(staging, "al2023/lib", lib)))
      throw new Error(
        `@sparticuz/chromium did not unpack ${lib} (its AWS_EXECUTION_ENV switch may have changed); ` +
          "without it the browser needs Debian's libnss3/libnspr4/libexpat1",
      );
}

let cached: NpmChromium | undefined;

/**
 * Returns the npm Chromium, unpacking it on first use (about 2–4 s) into
 * `<root>/.cache/chromium/<version>`. Safe when several test processes call it at once: each
 * unpacks into its own staging folder and the first rename wins.
 */
export function npmChromium(): NpmChromium {
  if (cached) return cached;
  if (process.platform !== "linux" || process.arch !== "x64")
    throw new Error(`@sparticuz/chromium ships x64 Linux only (this is ${process.platform}/${process.arch})`);
  const version = packageVersion();
  const cacheRoot = path.join(ROOT, ".cache/chromium");
  const dir = path.join(cacheRoot, version);
  const complete = path.join(dir, ".complete");
  if (!fs.existsSync(complete)) {
    fs.mkdirSync(cacheRoot, { recursive: true });
    const staging = fs.mkdtempSync(path.join(cacheRoot, `.staging-${version}-`));
    try {
      unpack(staging);
      fs.writeFileSync(path.join(staging, ".complete"), `@sparticuz/chromium ${version}\n`);
      // A leftover incomplete folder (an interrupted run) is replaced; a complete one is kept.
      if (fs.existsSync(dir) && !fs.existsSync(complete)) fs.rmSync(dir, { recursive: true, force: true });
      try {
        fs.renameSync(staging, dir);
      } catch (e) {
        if (!fs.existsSync(complete)) throw e; // another process won the race with a complete copy
      }
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  const libDir = path.join(dir, "al2023/lib");
  const fontconfigDir = path.join(dir, "fontconfig");
  writeFontsConf(fontconfigDir, [path.join(dir, "fonts"), ...notoFontDirs()]);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  env.LD_LIBRARY_PATH = [libDir, ...(process.env.LD_LIBRARY_PATH ?? "").split(":").filter(Boolean)].join(":");
  env.FONTCONFIG_PATH = fontconfigDir;
  cached = { version, executablePath: path.join(dir, "chromium"), libDir, fontconfigDir, env };
  return cached;
}
