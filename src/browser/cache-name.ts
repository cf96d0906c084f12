/** The offline cache shared by the page script and the service worker; bump to drop old copies. */
export const CACHE = "wego-verify-v1";
