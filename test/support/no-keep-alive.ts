/**
 * Node's fetch in the e2e and reliability tests drops a connection once it has been idle for 1 s.
 *
 * Why: `wrangler dev` (workerd's HTTP server) closes an idle keep-alive connection exactly 5 s after
 * its last response and sends no `Keep-Alive` hint; undici keeps an idle socket for 4 s by its own
 * timer. When the test process is busy (a browser driven over CDP, two cores shared with workerd),
 * that timer fires late, and a request sent on the pooled socket as the server closes it fails with
 * `ECONNRESET` although the service answered every request (a verify-page run at 04:54 UTC on
 * 2026-12-02: the `.png` was served in 1.27 s, the test's fetch was reset; cloudflare/workers-sdk
 * #14641 describes the same race). A 1 s idle limit leaves 4 s for a late timer and still reuses
 * connections within a burst (polls, uploads). Keep-alive off altogether (`pipelining: 0`) opened
 * a connection per request; both full runs with it failed elsewhere (wrangler's dev proxy answered a
 * console POST with 503 right after a slow picture render), which no earlier run had shown: not
 * proven related, but not kept.
 */
import { Agent, setGlobalDispatcher } from "undici";

setGlobalDispatcher(new Agent({ keepAliveTimeout: 1000, keepAliveMaxTimeout: 1000 }));
