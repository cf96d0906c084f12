/**
 * A minimal PDF serializer: numbered indirect objects written in order, a classic cross-reference table
 * and a trailer. Object bodies are pre-serialized ASCII strings (see the helpers below); stream data
 * are bytes. Faster than building pdf-lib object graphs and calling `save()`, and fully deterministic.
 */
import pako from "pako";

/**
 * Deflate (zlib format, as /FlateDecode expects) with pako, the one pdf-lib uses, with its defaults (as
 * pdf-lib's `flateStream`): pure JS, so the same bytes on every platform (native zlib builds can differ
 * between CPUs); called directly so that writing a PDF does not load pdf-lib.
 */
export function deflate(data: Uint8Array): Uint8Array {
  return pako.deflate(data);
}

export { num } from "./pdf-number";

/** A PDF name object (`/application#2Fvc+jwt`). */
export function name(value: string): string {
  let out = "/";
  for (const byte of new TextEncoder().encode(value)) {
    const c = String.fromCharCode(byte);
    out +=
      byte < 0x21 || byte > 0x7e || "()<>[]{}/%#".includes(c)
        ? `#${byte.toString(16).toUpperCase().padStart(2, "0")}`
        : c;
  }
  return out;
}

/** A text string: a literal for printable ASCII, otherwise UTF-16BE with a byte-order mark, in hex. */
export function text(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return `(${value.replace(/[\\()]/g, "\\$&")})`;
  let hex = "<FEFF";
  for (let i = 0; i < value.length; i++) hex += value.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0");
  return `${hex}>`;
}

/** A PDF date string (UTC), as pdf-lib writes it. */
export function date(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `(D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`;
}

/** A CID (or any 16-bit code) as four upper-case hex digits, as in a hex string or a CMap. */
export function cidHex(cid: number): string {
  return cid.toString(16).toUpperCase().padStart(4, "0");
}

/** An indirect reference. */
export function ref(objectNumber: number): string {
  return `${objectNumber} 0 R`;
}

/** ASCII string to bytes (every serialized body here is ASCII). */
export function ascii(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

interface PdfObject {
  head: Uint8Array;
  data?: Uint8Array;
}

/** Collects indirect objects (numbered from 1 in allocation order) and writes the file. */
export class PdfWriter {
  private readonly objects: (PdfObject | undefined)[] = [];

  /** Reserves the next object number. */
  alloc(): number {
    this.objects.push(undefined);
    return this.objects.length;
  }

  /** Sets a non-stream object (`body` is the serialized value). */
  set(objectNumber: number, body: string): void {
    this.objects[objectNumber - 1] = { head: ascii(`${objectNumber} 0 obj\n${body}\nendobj\n`) };
  }

  /** Sets a stream object; `dict` is the dictionary's inner entries without /Length, `data` the encoded bytes. */
  setStream(objectNumber: number, dict: string, data: Uint8Array): void {
    const head = ascii(`${objectNumber} 0 obj\n<<${dict} /Length ${data.length}>>\nstream\n`);
    this.objects[objectNumber - 1] = { head, data };
  }

  /** Allocates and sets a non-stream object. */
  add(body: string): number {
    const n = this.alloc();
    this.set(n, body);
    return n;
  }

  /** Allocates and sets a stream object. */
  addStream(dict: string, data: Uint8Array): number {
    const n = this.alloc();
    this.setStream(n, dict, data);
    return n;
  }

  /** The complete file; `trailer` holds the trailer entries besides /Size. */
  finish(trailer: string): Uint8Array {
    const header = ascii("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    const streamEnd = ascii("\nendstream\nendobj\n");
    const offsets: number[] = [];
    let size = header.length;
    for (const [i, o] of this.objects.entries()) {
      if (!o) throw new Error(`PDF object ${i + 1} was allocated but never set`);
      offsets.push(size);
      size += o.head.length + (o.data ? o.data.length + streamEnd.length : 0);
    }
    let xref = `xref\n0 ${this.objects.length + 1}\n0000000000 65535 f \n`;
    for (const off of offsets) xref += `${String(off).padStart(10, "0")} 00000 n \n`;
    xref += `trailer\n<< /Size ${this.objects.length + 1} ${trailer} >>\nstartxref\n${size}\n%%EOF\n`;
    const tail = ascii(xref);
    const out = new Uint8Array(size + tail.length);
    out.set(header, 0);
    let at = header.length;
    for (const o of this.objects) {
      out.set(o!.head, at);
      at += o!.head.length;
      if (o!.data) {
        out.set(o!.data, at);
        at += o!.data.length;
        out.set(streamEnd, at);
        at += streamEnd.length;
      }
    }
    out.set(tail, at);
    return out;
  }
}
