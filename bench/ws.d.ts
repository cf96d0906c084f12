/**
 * The part of `ws` (pinned in devDependencies; also miniflare's) that
 * bench/cdp.ts uses: the package ships no types and @types/ws is
 * not installed.
 */
declare module "ws" {
  export default class WebSocket {
    constructor(url: string, options?: { perMessageDeflate?: boolean; maxPayload?: number });
    once(event: "open" | "error", listener: (arg?: unknown) => void): this;
    on(event: "open", listener: () => void): this;
    on(event: "message", listener: (data: Buffer) => void): this;
    on(event: "error", listener: (error: Error) => void): this;
    on(event: "close", listener: () => void): this;
    send(data: string): void;
    close(): void;
  }
}
