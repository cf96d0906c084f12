/**
 * Builders of hostile variants of a genuine certificate PDF, as an attacker would make them with
 * any PDF editor: incremental updates (ISO 32000-2 §7.5.6) that redefine objects, catalog actions,
 * bytes appended after `%%EOF`, a replaced attachment. Pure byte/string work, so the same builders
 * run in Node (checked with a real renderer) and in workerd (checked against the verifier).
 */
const latin1 = new TextDecoder("latin1");

function toBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The body (between `obj` and `endobj`) of object `num` in the original file. */
export function objectBody(pdf: Uint8Array, num: number): string {
  const text = latin1.decode(pdf);
  const m = new RegExp(`(?:^|\\n)${num} 0 obj\\n([\\s\\S]*?)\\nendobj`).exec(text);
  if (!m) throw new Error(`object ${num} not found`);
  return m[1]!;
}

/**
 * Appends an incremental update that (re)defines `objects`, with its own cross-reference section
 * and a trailer whose /Prev points at the original one. Viewers read the newest definitions.
 */
export function incrementalUpdate(pdf: Uint8Array, objects: Record<number, string>): Uint8Array {
  const text = latin1.decode(pdf);
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(text)![1]!;
  const size = Number(/\/Size (\d+)/.exec(trailer)![1]);
  const root = /\/Root (\d+ 0 R)/.exec(trailer)![1];
  const info = /\/Info (\d+ 0 R)/.exec(trailer)?.[1];
  let out = "\n";
  const offsets: Array<[number, number]> = [];
  for (const [num, body] of Object.entries(objects)) {
    offsets.push([Number(num), pdf.length + out.length]);
    out += `${num} 0 obj\n${body}\nendobj\n`;
  }
  const xrefAt = pdf.length + out.length;
  out += "xref\n";
  for (const [num, at] of offsets.sort((a, b) => a[0] - b[0]))
    out += `${num} 1\n${String(at).padStart(10, "0")} 00000 n \n`;
  const newSize = Math.max(size, ...offsets.map(([n]) => n + 1));
  out += `trailer\n<< /Size ${newSize} /Root ${root}${info ? ` /Info ${info}` : ""} /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return concat(pdf, toBytes(out));
}

/** A stream object body with uncompressed content. */
export function stream(content: string, dict = ""): string {
  return `<< /Length ${content.length}${dict} >>\nstream\n${content}\nendstream`;
}

/** Page 1 redefined to show only `name` (Helvetica), as a forger would print another name. */
export function withOtherName(pdf: Uint8Array, name: string): Uint8Array {
  const text = latin1.decode(pdf);
  const size = Number(/\/Size (\d+)/.exec(text)![1]);
  const pageNum = Number(/(\d+) 0 obj\n<< \/Type \/Page /.exec(text)![1]);
  const page = objectBody(pdf, pageNum);
  const font = size;
  const content = size + 1;
  const newPage = page
    .replace(/\/Font << /, `/Font << /FX ${font} 0 R `)
    .replace(/\/Contents (\[[^\]]*\]|\d+ 0 R)/, `/Contents ${content} 0 R`);
  return incrementalUpdate(pdf, {
    [pageNum]: newPage,
    [font]: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    [content]: stream(`BT /FX 40 Tf 120 300 Td (${name}) Tj ET`),
  });
}

/** The catalog redefined with an action that runs when the file opens. */
export function withOpenAction(pdf: Uint8Array): Uint8Array {
  const text = latin1.decode(pdf);
  const catalogNum = Number(/(\d+) 0 obj\n<< \/Type \/Catalog /.exec(text)![1]);
  const catalog = objectBody(pdf, catalogNum);
  return incrementalUpdate(pdf, {
    [catalogNum]: catalog.replace(
      /^<< /,
      '<< /OpenAction << /S /JavaScript /JS (app.launchURL\\("https://evil.example"\\)) >> /AA << >> ',
    ),
  });
}

/** The `credential.json` attachment replaced by `json` through an incremental update. */
export function withAttachment(pdf: Uint8Array, json: string): Uint8Array {
  const text = latin1.decode(pdf);
  const m =
    /(\d+) 0 obj\n<< \/Type \/EmbeddedFile \/Subtype \/application#2Fvc\+ld\+json|(\d+) 0 obj\n<< \/Type \/EmbeddedFile/.exec(
      text,
    );
  if (!m) throw new Error("no embedded file");
  const num = Number(m[1] ?? m[2]);
  const bytes = new TextEncoder().encode(json);
  return incrementalUpdate(pdf, {
    [num]: stream(latin1.decode(bytes), ` /Type /EmbeddedFile /Params << /Size ${bytes.length} >>`),
  });
}

/** Bytes appended after the final `%%EOF`. */
export function withTrailingBytes(pdf: Uint8Array, extra: string): Uint8Array {
  return concat(pdf, toBytes(extra));
}
