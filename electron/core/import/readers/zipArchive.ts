import { createReadStream } from 'node:fs';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import { decodeName } from './textEncoding';
import { fileRefusal } from './fileRefusal';
import { IMPORT_LIMITS, grouped, inflateBudget } from '../limits/importLimits';

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
  readLocalFileHeader(
    entry: yauzl.Entry, options: { minimal: true },
    callback: (err: Error | null, header?: { fileDataStart: number }) => void,
  ): void;
}

const CHUNK = 1 << 20;

/**
 * Passes an entry's inflated bytes on while they stay within what its directory record declared
 * (and that within the ratio budget, checked by checkZipLimits): a zip bomb that lies about its
 * size stops here at the declared size instead of inflating on.
 */
class InflatedBound extends Transform {
  private seen = 0;

  constructor(private readonly name: string, private readonly declared: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.declared) {
      done(fileRefusal('zip.sizeMismatch',
        `压缩包中的「${this.name}」解压后比文件目录记载的 ${grouped(this.declared)} 字节更大，文件已损坏或被篡改，无法导入。`, null));
      return;
    }
    done(null, chunk);
  }
}

/**
 * Refuses a zip before anything is inflated when it has more entries than any export, or when an
 * entry (or the whole) declares more inflated bytes than the ratio of limits/importLimits.ts allows
 * for its compressed bytes — a zip bomb announces itself so.
 */
export function checkZipLimits(zip: ZipArchive, file: string, fileBytes: number): void {
  const refuse = (code: string, message: string): never => {
    throw fileRefusal(code, `「${file}」${message}`, file);
  };
  if (zip.entries.length > IMPORT_LIMITS.zipEntries) {
    refuse('zip.tooManyEntries', `中有 ${grouped(zip.entries.length)} 个文件，`
      + `超过上限 ${grouped(IMPORT_LIMITS.zipEntries)} 个，不是正常的导出文件。`);
  }
  let total = 0;
  for (const e of zip.entries) {
    total += e.size;
    if (e.size > inflateBudget(e.entry.compressedSize)) {
      refuse('zip.bomb', `中的「${e.name}」压缩后只有 ${grouped(e.entry.compressedSize)} 字节，却要解压成 ${grouped(e.size)} 字节`
        + `（超过 ${IMPORT_LIMITS.inflateRatio} 倍），像是“压缩炸弹”，已拒绝导入。`);
    }
  }
  if (total > inflateBudget(fileBytes)) {
    refuse('zip.bomb', `解压后共 ${grouped(total)} 字节，超过文件大小的 ${IMPORT_LIMITS.inflateRatio} 倍，像是“压缩炸弹”，已拒绝导入。`);
  }
}

export class ZipArchive {
  private constructor(
    private readonly zip: yauzl.ZipFile, private readonly path: string, readonly entries: readonly ZipEntryInfo[],
  ) {}

  /** Names that more than one entry has (find() gives the first). */
  get duplicateNames(): string[] {
    const seen = new Set<string>();
    const twice = new Set<string>();
    for (const e of this.entries) (seen.has(e.name) ? twice : seen).add(e.name);
    return [...twice];
  }

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
        const bound = new InflatedBound(info.name, info.size);
        inflate.on('error', (e) => bound.destroy(e));
        bound.on('close', () => inflate.destroy());
        resolve(raw.pipe(inflate).pipe(bound));
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
