/**
 * Minimal typed access to the browser globals the page script uses. The project compiles against
 * the Workers types (no DOM lib), so the few DOM members we need are declared here, module-scoped.
 */

/** The subset of Element used by the page script. */
export interface El {
  textContent: string | null;
  hidden: boolean;
  className: string;
  id: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  addEventListener(type: string, listener: (event: DomEvent) => void): void;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  replaceChildren(...nodes: (El | string)[]): void;
  append(...nodes: (El | string)[]): void;
  prepend(...nodes: (El | string)[]): void;
  focus(): void;
  remove(): void;
  after(...nodes: (El | string)[]): void;
  classList: { add(c: string): void; remove(c: string): void };
  files?: unknown;
  /** For an <iframe>: its window once loaded. */
  contentWindow?: { print(): void; focus(): void } | null;
}

/** The subset of Event used. */
export interface DomEvent {
  preventDefault(): void;
  dataTransfer?: { files: unknown } | null;
}

interface Doc {
  documentElement: El;
  title: string;
  querySelectorAll(selector: string): ArrayLike<El>;
  getElementById(id: string): El | null;
  querySelector(selector: string): El | null;
  createElement(tag: string): El;
  body: El;
}

interface Nav {
  onLine: boolean;
  clipboard?: { writeText(text: string): Promise<void> };
  share?: (data: { title?: string; url?: string }) => Promise<void>;
  serviceWorker?: { register(url: string, options: { scope: string }): Promise<unknown> };
}

interface Win {
  document: Doc;
  navigator: Nav;
  location: { hash: string; pathname: string; href: string };
}

const w = globalThis as unknown as Win;

/** `window.document`. */
export const doc = w.document;
/** `window.navigator`. */
export const nav = w.navigator;
/** `window.location`. */
export const loc = w.location;

/** Creates an element with text. */
export function el(tag: string, text?: string, className?: string): El {
  const e = doc.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}
