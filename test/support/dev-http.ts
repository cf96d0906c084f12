/**
 * Setup for the e2e and reliability projects, whose tests talk to `wrangler dev` over HTTP.
 *
 * 1. Node's fetch opens a connection per request (undici `pipelining: 0`). wrangler dev's workerd
 *    closes an idle keep-alive connection exactly 5 s after its last response and sends no
 *    `Keep-Alive` hint; undici keeps an idle socket for 4 s by its own timer (1 s here before
 *    2026-12-02). When the test process is busy (a browser driven over CDP, the DCC verifier's
 *    canonicalization, two cores shared with workerd), that timer fires late, and a request sent on
 *    the pooled socket as the server closes it fails with `ECONNRESET` although the service is up
 *    (verify-page at 04:54 UTC; interop's third POST in the CI of 12:42 UTC, with a 1 s limit). A
 *    new connection on loopback costs well under a millisecond.
 *    The 503s seen with this setting before (a console POST, "Your worker restarted mid-request")
 *    were the same race one hop further, inside wrangler's proxy: see ./dev-proxy.ts.
 * 2. wrangler's proxy 503 for a request that never reached the Worker is sent again
 *    (./dev-proxy.ts).
 */
import { Agent, setGlobalDispatcher } from "undici";
import { installDevProxyResend } from "./dev-proxy";

setGlobalDispatcher(new Agent({ pipelining: 0 }));
installDevProxyResend();
