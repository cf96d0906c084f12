/**
 * Node's fetch in the e2e and reliability tests opens a new connection for every request.
 *
 * Why: `wrangler dev` (workerd's HTTP server) closes an idle keep-alive connection exactly 5 s after
 * its last response and sends no `Keep-Alive` hint; undici keeps an idle socket for 4 s by its own
 * timer. When the test process is busy (a browser driven over CDP, two cores shared with workerd),
 * that timer fires late, and a request sent on the pooled socket as the server closes it fails with
 * `ECONNRESET` although the service answered every request (a verify-page run at 04:54 UTC on
 * 2026-12-02: the `.png` was served in 1.27 s, the test's fetch was reset; cloudflare/workers-sdk
 * #14641 describes the same race). `pipelining: 0` turns keep-alive off (undici `Agent` docs), so no
 * connection is ever reused after an idle gap. Tests against a local server lose nothing by it.
 */
import { Agent, setGlobalDispatcher } from "undici";

setGlobalDispatcher(new Agent({ pipelining: 0 }));
