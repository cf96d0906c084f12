/** The part of ws's API bench/profile-first-request.ts uses (ws ships no types; @types/ws is not installed). */
declare module "ws" {
  class WebSocket {
    constructor(url: string, options?: { perMessageDeflate?: boolean; maxPayload?: number });
    send(data: string): void;
    close(): void;
    on(event: "open", listener: () => void): this;
    on(event: "message", listener: (data: Buffer) => void): this;
    on(event: "error", listener: (error: Error) => void): this;
    on(event: "close", listener: () => void): this;
  }
  export default WebSocket;
}
