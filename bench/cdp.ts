/**
 * A minimal Chrome DevTools Protocol client over workerd's inspector (through wrangler's inspector
 * proxy), for V8 CPU profiles of the Worker's isolate (bench/isolate-cpu.ts,
 * bench/profile-first-request.ts). A closed socket or a
 * command unanswered within `timeoutMs` rejects, so a run fails instead of hanging.
 */
import WebSocket from "ws";

/** A V8 call frame (CDP `Runtime.CallFrame`). */
export interface CallFrame {
  functionName: string;
  scriptId: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/** A node of a V8 CPU profile (CDP `Profiler.ProfileNode`). */
export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

/** A V8 CPU profile (CDP `Profiler.Profile`): times in microseconds of the monotonic clock. */
export interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** One CDP session over a WebSocket: commands by id, events kept in order. */
export class Cdp {
  private next = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly events: { method: string; params: Record<string, unknown> }[] = [];
  private constructor(
    private ws: WebSocket,
    private timeoutMs: number,
  ) {
    const fail = (why: string) => {
      for (const p of this.pending.values()) p.reject(new Error(`inspector session ${why}`));
      this.pending.clear();
    };
    ws.on("close", () => fail("closed"));
    ws.on("error", (e) => fail(`failed: ${e.message}`));
    ws.on("message", (data) => {
      const msg = JSON.parse(data.toString()) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
        method?: string;
        params?: Record<string, unknown>;
      };
      if (msg.id !== undefined) {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(msg.error.message));
        else p?.resolve(msg.result);
      } else if (msg.method) this.events.push({ method: msg.method, params: msg.params ?? {} });
    });
  }

  /** Opens a session on the inspector WebSocket `url`. */
  static async connect(url: string, timeoutMs = 120_000): Promise<Cdp> {
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 1 << 30 });
    await new Promise<void>((resolve, reject) => {
      ws.on("open", () => resolve());
      // After opening, a later error settles nothing here: the session's own handler rejects.
      ws.on("error", reject);
    });
    return new Cdp(ws, timeoutMs);
  }

  /** Sends a command and resolves to its result (rejects with the protocol's error message). */
  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`inspector: ${method} unanswered after ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      const done = () => clearTimeout(timer);
      this.pending.set(id, {
        resolve: (v) => (done(), resolve(v as T)),
        reject: (e) => (done(), reject(e)),
      });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

/** The Worker's inspector target on `port` (wrangler's inspector proxy lists it at /json). */
export async function workerTarget(port: number, tries = 50): Promise<string> {
  for (let i = 0; i < tries; i++) {
    try {
      const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as {
        webSocketDebuggerUrl?: string;
      }[];
      const url = targets.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl;
      if (url) return url;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no inspector target on port ${port}`);
}
