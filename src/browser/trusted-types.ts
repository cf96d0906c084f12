/**
 * The pages require Trusted Types (CSP `require-trusted-types-for 'script'`, W3C Trusted Types §4).
 * The scripts write no HTML; the only sink they use is `navigator.serviceWorker.register`, which
 * takes a TrustedScriptURL. The one policy the CSP allows (`wego-sw`) passes that URL and nothing else.
 */

/** The service worker's URL; its scope is /c/ (see scripts/build-browser.mjs). */
export const SW_URL = "/c/sw.js";

interface TrustedTypesLike {
  createPolicy(
    name: string,
    rules: { createScriptURL(input: string): string },
  ): { createScriptURL(input: string): unknown };
}

/** The service worker URL as the browser requires it: a TrustedScriptURL where Trusted Types exist, else the string. */
export function serviceWorkerUrl(scope: unknown = globalThis): unknown {
  const tt = (scope as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (!tt) return SW_URL;
  const policy = tt.createPolicy("wego-sw", {
    createScriptURL(input: string): string {
      if (input !== SW_URL) throw new TypeError("only the service worker URL is allowed");
      return input;
    },
  });
  return policy.createScriptURL(SW_URL);
}
