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
export class ZipArchive {
  private constructor(private readonly zip: yauzl.ZipFile, readonly entries: readonly ZipEntryInfo[]) {}

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
        zip.on('end', () => resolve(new ZipArchive(zip, entries)));
        zip.on('error', reject);
        zip.readEntry();
      });
    });
  }

  find(name: string): ZipEntryInfo | undefined {
    return this.entries.find((e) => e.name === name);
  }

  /**
   * The entry's bytes. Deflated entries are inflated here rather than by yauzl, in chunks of
   * 1 MiB instead of zlib's 16 KiB: a county's sheet XML runs to gigabytes, and the per-chunk cost
   * of the smaller size was as large as the scanning itself.
   */
  openStream(info: ZipEntryInfo): Promise<Readable> {
    const deflated = info.entry.compressionMethod === 8;
    return new Promise((resolve, reject) => {
      this.zip.openReadStream(info.entry, (deflated ? { decompress: false } : {}) as yauzl.ZipFileOptions, (err, stream) => {
        if (err || !stream) {
          reject(err ?? new Error('zip entry'));
          return;
        }
        if (!deflated) {
          resolve(stream);
          return;
        }
        const inflate = createInflateRaw({ chunkSize: 1 << 20 });
        stream.on('error', (e) => inflate.destroy(e));
        resolve(stream.pipe(inflate));
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
