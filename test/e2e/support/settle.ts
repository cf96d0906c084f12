/**
 * How long an e2e poll waits for something the browser or the service does in the background (a
 * service worker saving a copy, a verdict drawn after a fetch, the in-browser signature check).
 * A poll ends as soon as its condition holds, so this bound costs nothing when the machine is idle;
 * it is generous because two test files, wrangler dev and Chromium share two cores in `npm test`.
 */
export const SETTLE_MS = 60_000;
