/**
 * The print pack: the PDFs of a batch or of a list filter as one ZIP, named by participant, for
 * printing. Streamed: each PDF is rendered when the client is ready for it, stored without
 * recompression (PDF streams are already deflated), and recorded like any PDF served, so every
 * printed file is recognised later by the PDF check.
 */
import { Zip, ZipPassThrough } from "fflate";
import { csvLine } from "../lib/csv-cell";
import { utf8 } from "../lib/encoding";
import { safeFileStem } from "../lib/file-name";
import { listBatchRows, findBatch } from "../adapters/storage/batch-repository";
import { countCertificates, type CertificateFilter } from "../adapters/storage/certificate-search-repository";
import { findCertificate } from "../adapters/storage/certificate-repository";
import { AppError } from "../errors";
import { servePdf } from "./certificate-pdf";
import { allCertificates, type CertificateSummary } from "./certificate-search";
import type { AppDeps } from "./context";
import { signedCertificate } from "./signed-certificates";
import { certificateUrl } from "../domain/credential";

/** Most certificates in one pack (about 40 ms of rendering each: well inside a request's CPU limit). */
export const MAX_PRINT_PACK = 500;

/** What goes into a pack: id, name and status of each certificate. */
type PackEntry = Pick<CertificateSummary, "id" | "recipientName" | "achievementId" | "status">;

/**
 * File names for a pack: `<name> (<first 8 characters of the id>).pdf`, or the whole id in the
 * rare case two short forms collide (compared case-insensitively, as Windows and macOS do).
 */
export function packFileNames(entries: readonly Pick<PackEntry, "id" | "recipientName">[]): string[] {
  const used = new Set<string>();
  return entries.map((e) => {
    const stem = safeFileStem(e.recipientName);
    let name = `${stem} (${e.id.slice(0, 8)}).pdf`;
    if (used.has(name.toLowerCase())) name = `${stem} (${e.id}).pdf`;
    used.add(name.toLowerCase());
    return name;
  });
}

const tooLarge = (n: number) =>
  new AppError("ERR_PRINT_PACK_TOO_LARGE", `${n} certificates match; a print pack holds at most ${MAX_PRINT_PACK}`, {
    field: "filter",
  });

/** The certificates a batch's rows point at (issued by it or earlier), revoked ones left out. */
export async function batchPackEntries(deps: AppDeps, batchId: string): Promise<PackEntry[]> {
  if (!(await findBatch(deps.store, batchId))) throw new AppError("ERR_NOT_FOUND", "No batch with this id");
  const ids = (await listBatchRows(deps.store, batchId)).flatMap((r) => (r.certificate_id ? [r.certificate_id] : []));
  if (ids.length > MAX_PRINT_PACK) throw tooLarge(ids.length);
  const out: PackEntry[] = [];
  for (const id of ids) {
    const c = await findCertificate(deps.store, id);
    if (c && c.status !== "revoked")
      out.push({ id, recipientName: c.recipient_name, achievementId: c.achievement_id, status: c.status });
  }
  return out;
}

/** The certificates of a list filter; revoked ones only when the filter asks for them. */
export async function filterPackEntries(deps: AppDeps, filter: CertificateFilter): Promise<PackEntry[]> {
  const f: CertificateFilter = filter.statuses?.length ? filter : { ...filter, statuses: ["active", "suspended"] };
  const n = await countCertificates(deps.store, f);
  if (n > MAX_PRINT_PACK) throw tooLarge(n);
  const out: PackEntry[] = [];
  for await (const c of allCertificates(deps, f)) out.push(c);
  return out;
}

/**
 * The ZIP of the entries' PDFs plus `manifest.csv` (file, id, name, achievement, status, link).
 * The first PDF is rendered before the stream is returned, so a failure to render is an error
 * response rather than a broken download.
 */
export async function printPack(deps: AppDeps, entries: readonly PackEntry[]): Promise<ReadableStream<Uint8Array>> {
  const names = packFileNames(entries);
  const pdfOf = async (i: number) => {
    const row = await signedCertificate(deps, entries[i]!.id);
    if (!row) throw new AppError("ERR_NOT_FOUND", `No certificate ${entries[i]!.id}`);
    return {
      pdf: (await servePdf(deps, row, undefined, undefined, { keep: false })).bytes,
      issuedAt: new Date(row.issued_at),
    };
  };
  let next = entries.length ? await pdfOf(0) : undefined;
  let i = 0;
  let zip: Zip;
  const add = (name: string, bytes: Uint8Array, mtime: Date) => {
    const file = new ZipPassThrough(name);
    file.mtime = mtime;
    zip.add(file);
    file.push(bytes, true);
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((err, chunk, final) => {
        if (err) return controller.error(err);
        controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    async pull() {
      if (i < entries.length) {
        const current = next ?? (await pdfOf(i));
        next = undefined;
        add(names[i]!, current.pdf, current.issuedAt);
        i++;
        return;
      }
      const manifest = [csvLine(["file", "certificateId", "recipientName", "achievementId", "status", "url"])];
      entries.forEach((e, k) =>
        manifest.push(
          csvLine([
            names[k],
            e.id,
            e.recipientName,
            e.achievementId,
            e.status,
            certificateUrl(deps.config.baseUrl, e.id),
          ]),
        ),
      );
      add("manifest.csv", utf8.encode("\ufeff" + manifest.join("")), deps.clock());
      zip.end();
    },
  });
}
