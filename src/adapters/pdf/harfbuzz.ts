/**
 * OpenType shaping with HarfBuzz (the `harfbuzzjs` package's `harfbuzz.wasm`), through a minimal
 * binding of its C API. harfbuzzjs's own JavaScript wrapper is not used: it fetches the .wasm by URL
 * at import time and registers a JavaScript callback by compiling a WebAssembly module at run time,
 * which Workers forbid (only modules uploaded with the Worker may be instantiated there). Here the
 * caller hands over an already compiled `WebAssembly.Module` (a Worker module import in workerd, the
 * file compiled once in Node) and only exported C functions are called.
 */

/** One shaped glyph, in HarfBuzz's output (visual, left-to-right) order; units are font units. */
export interface ShapedGlyph {
  /** Glyph id in the font. */
  id: number;
  /** Index of the first code point of the glyph's cluster in the shaped text (logical order). */
  cluster: number;
  xAdvance: number;
  xOffset: number;
  yOffset: number;
}

interface Exports {
  memory: WebAssembly.Memory;
  __wasm_call_ctors(): void;
  malloc(n: number): number;
  free(p: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_font_create(face: number): number;
  hb_buffer_create(): number;
  hb_buffer_destroy(b: number): void;
  hb_buffer_add_codepoints(b: number, text: number, length: number, offset: number, itemLength: number): void;
  hb_buffer_guess_segment_properties(b: number): void;
  hb_buffer_set_cluster_level(b: number, level: number): void;
  hb_buffer_get_length(b: number): number;
  hb_buffer_get_glyph_infos(b: number, length: number): number;
  hb_buffer_get_glyph_positions(b: number, length: number): number;
  hb_shape(font: number, buffer: number, features: number, count: number): void;
}

/** HB_MEMORY_MODE_READONLY: HarfBuzz reads the font bytes in place (they are never freed). */
const READONLY = 1;
/** HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES: marks and reordered vowels share their base's cluster. */
const MONOTONE_GRAPHEMES = 0;

/** A HarfBuzz instance with fonts registered once each (font bytes are copied into its memory). */
export class HarfBuzz {
  private readonly fonts = new Map<string, number>();

  private constructor(private readonly x: Exports) {}

  /** Instantiates the compiled harfbuzz.wasm (the few Emscripten imports it needs are provided here). */
  static async create(module: WebAssembly.Module): Promise<HarfBuzz> {
    let memory: WebAssembly.Memory | undefined;
    const fail = (what: string) => () => {
      throw new Error(`harfbuzz: ${what}`);
    };
    const imports = {
      env: {
        _abort_js: fail("abort"),
        _emscripten_runtime_keepalive_clear: () => {},
        _setitimer_js: () => 0,
        emscripten_resize_heap: (requested: number) => {
          const m = memory!;
          const pages = Math.ceil((requested - m.buffer.byteLength) / 65536);
          try {
            m.grow(Math.max(pages, 1));
            return 1;
          } catch {
            return 0;
          }
        },
      },
      wasi_snapshot_preview1: { proc_exit: fail("exit") },
    };
    const instance = await WebAssembly.instantiate(module, imports);
    const x = instance.exports as unknown as Exports;
    memory = x.memory;
    x.__wasm_call_ctors();
    return new HarfBuzz(x);
  }

  /** Registers a font under `key` (once; later calls with the same key are free). */
  addFont(key: string, bytes: Uint8Array): void {
    if (this.fonts.has(key)) return;
    const x = this.x;
    const ptr = x.malloc(bytes.length);
    new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
    const blob = x.hb_blob_create(ptr, bytes.length, READONLY, 0, 0);
    const face = x.hb_face_create(blob, 0);
    this.fonts.set(key, x.hb_font_create(face));
  }

  /**
   * Shapes `text` with the font registered as `key`: script, direction and language guessed from the
   * text as HarfBuzz does (`hb_buffer_guess_segment_properties`), default features of the script's
   * shaper, clusters by code point index. Output is in visual order (left to right) for any direction.
   */
  shape(key: string, text: string): ShapedGlyph[] {
    const font = this.fonts.get(key);
    if (font === undefined) throw new Error(`harfbuzz: font ${key} is not registered`);
    const x = this.x;
    const codePoints = [...text].map((c) => c.codePointAt(0)!);
    const buffer = x.hb_buffer_create();
    const textPtr = x.malloc(codePoints.length * 4 + 4);
    try {
      new Uint32Array(x.memory.buffer, textPtr, codePoints.length).set(codePoints);
      x.hb_buffer_add_codepoints(buffer, textPtr, codePoints.length, 0, codePoints.length);
      x.hb_buffer_guess_segment_properties(buffer);
      x.hb_buffer_set_cluster_level(buffer, MONOTONE_GRAPHEMES);
      x.hb_shape(font, buffer, 0, 0);
      const n = x.hb_buffer_get_length(buffer);
      // hb_glyph_info_t and hb_glyph_position_t are both five 32-bit words.
      const infos = new Uint32Array(x.memory.buffer, x.hb_buffer_get_glyph_infos(buffer, 0), n * 5);
      const positions = new Int32Array(x.memory.buffer, x.hb_buffer_get_glyph_positions(buffer, 0), n * 5);
      const out: ShapedGlyph[] = [];
      for (let i = 0; i < n; i++)
        out.push({
          id: infos[i * 5]!,
          cluster: infos[i * 5 + 2]!,
          xAdvance: positions[i * 5]!,
          xOffset: positions[i * 5 + 2]!,
          yOffset: positions[i * 5 + 3]!,
        });
      return out;
    } finally {
      x.free(textPtr);
      x.hb_buffer_destroy(buffer);
    }
  }
}
