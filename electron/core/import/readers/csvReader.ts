import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { JobCancelled } from '../../jobs/jobRunner';
import type { RawRow } from '../cell';
import type { SheetDispatcher } from '../sheetDispatcher';
import { ImportFileError } from './importFileError';
import type { ReadControl } from './readProgress';
import { chunkDecoder, detectEncoding } from './textEncoding';

/** One CSV file of a set: its name (for messages), size, and its bytes on demand. */
export interface CsvFile {
  readonly name: string;
  readonly size: number;
  open(): Promise<AsyncIterable<Buffer>>;
}

/**
 * Bytes decoded and parsed at a time. Papaparse holds a piece's rows (an array and a string per
 * cell) until the rows are read; with 1 MiB pieces each young-generation collection found
 * megabytes of them alive and copied them, and the collector took a quarter of the reading
 * (measured on the 30,000-household county: scavenges 1.2 s → 0.45 s at 64 KiB).
 */
const PIECE_BYTES = 65_536;

/** Decoded text of a CSV file: the first chunk decides the encoding, the hash sees every byte. */
async function* decodedText(bytes: AsyncIterable<Buffer>, hash: Hash, onBytes: (n: number) => void): AsyncGenerator<string> {
  let decoder: ReturnType<typeof chunkDecoder> | null = null;
  let pending: Buffer | null = null;
  for await (const chunk of bytes) {
    hash.update(chunk);
    onBytes(chunk.length);
    let bytesNow = chunk;
    if (!decoder) {
      // Detect on at least 64 KiB (or the whole file) so a header of Chinese text is in the sample.
      pending = pending ? Buffer.concat([pending, chunk]) : chunk;
      if (pending.length < 65_536) continue;
      decoder = chunkDecoder(detectEncoding(pending).encoding);
      bytesNow = pending;
      pending = null;
    }
    for (let at = 0; at < bytesNow.length; at += PIECE_BYTES) {
      const text = decoder.write(bytesNow.subarray(at, at + PIECE_BYTES));
      if (text) yield text;
    }
  }
  if (!decoder && pending) {
    decoder = chunkDecoder(detectEncoding(pending).encoding);
    const text = decoder.write(pending);
    if (text) yield text;
  }
  if (decoder) {
    const rest = decoder.end();
    if (rest) yield rest;
  }
}

/**
 * Reads a set of CSV files (a folder, a zip, or one file) named after the template's sheets,
 * each in its own encoding, through papaparse (csv-parse measured 4× slower on the large county).
 * Returns the SHA-256 of each file's bytes, by name.
 */
export async function readCsvSet(files: readonly CsvFile[], dispatcher: SheetDispatcher, control: ReadControl): Promise<Map<string, string>> {
  const total = files.reduce((s, f) => s + f.size, 0) || 1;
  let done = 0;
  const hashes = new Map<string, string>();
  for (const file of files) {
    const sink = dispatcher.openSheet({ file: file.name, sheet: null, date1904: false }, file.name.replace(/\.csv$/i, ''));
    const hash = createHash('sha256');
    let rowNumber = 0;
    let cancelled = false;
    const text = Readable.from(decodedText(await file.open(), hash, (n) => {
      done += n;
      control.progress(done, total, `读取「${file.name}」`);
    }));
    await new Promise<void>((resolve, reject) => {
      Papa.parse<string[]>(text, {
        skipEmptyLines: false,
        delimitersToGuess: [',', '\t', ';', '|'],
        chunk(results, parser) {
          if (control.cancelled) {
            cancelled = true;
            parser.abort();
            return;
          }
          const batch: RawRow[] = new Array(results.data.length);
          for (let i = 0; i < results.data.length; i++) batch[i] = { number: ++rowNumber, cells: results.data[i] as string[] };
          sink.rows(batch);
        },
        complete: () => resolve(),
        error: (err: Error) => reject(new ImportFileError('file.unreadable', `无法读取「${file.name}」：${err.message}`, file.name)),
      });
    });
    text.destroy();
    if (cancelled) throw new JobCancelled();
    sink.end();
    hashes.set(file.name, hash.digest('hex'));
  }
  return hashes;
}
