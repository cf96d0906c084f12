/** The part of `ws` (a dependency of miniflare, present in node_modules) that bench/profile-first.ts uses. */
declare module "ws" {
  export default class WebSocket {
    constructor(url: string);
    once(event: "open" | "error", listener: (arg?: unknown) => void): this;
    on(event: "message", listener: (data: unknown) => void): this;
    send(data: string): void;
    close(): void;
  }
}
