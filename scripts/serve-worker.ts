/**
 * `wrangler dev` without the devtools inspector, for measurements (`WEGO_INSPECTOR=off npm start`,
 * and the benchmark's baseline Worker): the same wrangler code path as the CLI (`startWorker`, which
 * `wrangler dev` itself calls, with `--var` values as plain-text bindings merged over the config's),
 * with `dev.inspector: false`.
 *
 * Why: `wrangler dev` always attaches its inspector proxy to the Worker, and every `console.log`
 * then travels as a Chrome DevTools Protocol event, with a captured stack, from workerd to the
 * inspector proxy Worker and on to wrangler's Node process. The service writes one log line per
 * request (issue 17), so under `wrangler dev` that relay costs it about 1 ms of machine CPU per
 * request (measured, README "Benchmarks"). A deployed Worker has no inspector attached.
 *
 * Usage: `tsx scripts/serve-worker.ts --config wrangler.toml --ip 127.0.0.1 --port 8787
 * [--persist-to DIR] [--var NAME:VALUE]...`; runs until SIGINT or SIGTERM.
 */
import { getNodeCompat } from "miniflare";
import { unstable_startWorker } from "wrangler";

const args = process.argv.slice(2);
const vars: Record<string, { type: "plain_text"; value: string }> = {};
const opts: Record<string, string> = {};
for (let i = 0; i < args.length; i += 2) {
  const name = args[i]!;
  const value = args[i + 1];
  if (!name.startsWith("--") || value === undefined) throw new Error(`serve-worker: bad argument ${name}`);
  if (name === "--var") {
    const cut = value.indexOf(":");
    if (cut < 1) throw new Error(`serve-worker: --var wants NAME:VALUE, got ${value}`);
    vars[value.slice(0, cut)] = { type: "plain_text", value: value.slice(cut + 1) };
  } else opts[name.slice(2)] = value;
}
for (const known of Object.keys(opts))
  if (!["config", "ip", "port", "persist-to"].includes(known))
    throw new Error(`serve-worker: unknown option --${known}`);

const worker = await unstable_startWorker({
  config: opts.config ?? "wrangler.toml",
  bindings: vars,
  // The CLI passes this hook too (its validateNodeCompatMode): without it nodejs_compat is ignored.
  build: {
    nodejsCompatMode: (config) => getNodeCompat(config.compatibility_date, config.compatibility_flags).mode,
  },
  dev: {
    inspector: false,
    server: { hostname: opts.ip ?? "127.0.0.1", port: Number(opts.port ?? 8787) },
    // Unset: wrangler's own default, as for `wrangler dev` without --persist-to.
    persist: opts["persist-to"],
    watch: false,
  },
});
await worker.ready;
console.log(`Ready on ${(await worker.url).toString()} (inspector off)`);

let stopping = false;
for (const sig of ["SIGINT", "SIGTERM"] as const)
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    void worker.dispose().finally(() => process.exit(0));
  });
