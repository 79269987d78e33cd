import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import { decodeName } from './textEncoding';

export interface ZipEntryInfo {
  /** The entry's path, decoded (UTF-8 when flagged, else detected: Chinese Windows writes GBK). */
  readonly name: string;
  readonly size: number;
  readonly entry: yauzl.Entry;
}

/**
 * A zip file read through its central directory (yauzl), so a truncated file is recognised at
 * once (its directory is missing) instead of half-way through a stream.
 */
/** yauzl's documented readLocalFileHeader, which @types/yauzl does not declare. */
interface LocalHeaderReader {
  readLocalFileHeader(entry: yauzl.Entry, options: { minimal: true }, callback: (err: Error | null, header?: { fileDataStart: number }) => void): void;
}

const CHUNK = 1 << 20;

export class ZipArchive {
  private constructor(private readonly zip: yauzl.ZipFile, private readonly path: string, readonly entries: readonly ZipEntryInfo[]) {}

  static open(path: string): Promise<ZipArchive> {
    return new Promise((resolve, reject) => {
      yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false }, (err, zip) => {
        if (err || !zip) {
          reject(err ?? new Error('zip'));
          return;
        }
        const entries: ZipEntryInfo[] = [];
        zip.on('entry', (entry: yauzl.Entry) => {
          const raw = entry.fileName as unknown as Buffer;
          const utf8 = (entry.generalPurposeBitFlag & 0x800) !== 0;
          entries.push({ name: utf8 ? raw.toString('utf8') : decodeName(raw), size: entry.uncompressedSize, entry });
          zip.readEntry();
        });
        zip.on('end', () => resolve(new ZipArchive(zip, path, entries)));
        zip.on('error', reject);
        zip.readEntry();
      });
    });
  }

  find(name: string): ZipEntryInfo | undefined {
    return this.entries.find((e) => e.name === name);
  }

  /**
   * The entry's bytes. Deflated entries are read and inflated here rather than by yauzl, in
   * chunks of 1 MiB instead of 16 KiB: a county's sheet XML runs to gigabytes, and the per-chunk
   * cost of the smaller size (stream plumbing, one scan of the text per chunk) was as large as
   * the scanning itself. The inflating itself runs on libuv's thread pool, beside the scanning.
   */
  openStream(info: ZipEntryInfo): Promise<Readable> {
    const entry = info.entry;
    if (entry.compressionMethod !== 8 || entry.isEncrypted()) return this.openYauzlStream(entry);
    return new Promise((resolve, reject) => {
      (this.zip as unknown as LocalHeaderReader).readLocalFileHeader(entry, { minimal: true }, (err, header) => {
        if (err || !header) {
          reject(err ?? new Error('zip entry'));
          return;
        }
        const inflate = createInflateRaw({ chunkSize: CHUNK });
        if (entry.compressedSize === 0) {
          inflate.end();
          resolve(inflate);
          return;
        }
        const raw = createReadStream(this.path, {
          start: header.fileDataStart, end: header.fileDataStart + entry.compressedSize - 1, highWaterMark: CHUNK,
        });
        raw.on('error', (e) => inflate.destroy(e));
        // A reader that stops early (cancel, a refused sheet) destroys the inflater: close the file too.
        inflate.on('close', () => raw.destroy());
        resolve(raw.pipe(inflate));
      });
    });
  }

  /** Stored (and any other) entries as yauzl gives them, with its checks and its errors. */
  private openYauzlStream(entry: yauzl.Entry): Promise<Readable> {
    return new Promise((resolve, reject) => {
      this.zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) {
          reject(err ?? new Error('zip entry'));
          return;
        }
        resolve(stream);
      });
    });
  }

  async readText(info: ZipEntryInfo): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of await this.openStream(info)) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  close(): void {
    this.zip.close();
  }
}
