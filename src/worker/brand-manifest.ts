/**
 * The brand manifest `npm run build:assets` writes (scripts/copy-brand.mjs), bundled into the
 * Worker with the static assets it describes: a page then needs no subrequest to the assets binding
 * for it (issue 15: in a new isolate that subrequest cost about 3.5 ms of CPU locally). The bundle
 * is built after the assets (npm start, npm run deploy, the test runner), so both come from one
 * build; `adapters/brand/manifest.ts` still checks its shape.
 */
import manifest from "../../assets/brand/manifest.json";

/** The manifest as built, unchecked. */
export const BUNDLED_BRAND_MANIFEST: unknown = manifest;
