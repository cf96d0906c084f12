// Writes a build output only when its bytes differ from what is on disk. wrangler dev watches the
// assets directory and reloads the Worker on any write, cutting the requests in flight: a second
// `npm start` (the e2e files run two at a time, each starting its own) must not reload the first
// by rewriting identical files.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * @param {string} path
 * @param {Uint8Array | string} data
 * @returns {Promise<boolean>} whether the file was written
 */
export async function writeIfChanged(path, data) {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const current = await readFile(path).catch(() => null);
  if (current && Buffer.compare(current, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) === 0)
    return false;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
  return true;
}
