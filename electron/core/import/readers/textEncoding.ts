import iconv from 'iconv-lite';

export type TextEncoding = 'utf8' | 'gb18030' | 'utf16le';

/**
 * CSVs saved by Excel on Chinese Windows are GB18030/GBK; others are UTF-8, with or without a BOM
 * (domain.md). UTF-8 is strict enough that a GBK file of Chinese text almost never decodes as
 * valid UTF-8, so: a BOM decides, else valid UTF-8 is UTF-8, else GB18030 (a superset of GBK).
 */
export function detectEncoding(sample: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf8', bomLength: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf16le', bomLength: 2 };
  return { encoding: isUtf8(sample) ? 'utf8' : 'gb18030', bomLength: 0 };
}

/** Whether the bytes are valid UTF-8 (a character cut at the end of the sample allowed). */
export function isUtf8(sample: Uint8Array): boolean {
  try {
    // stream: true tolerates a character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * A UTF-8 byte-order mark in front of bytes that are not UTF-8: a GBK file whose first bytes were
 * replaced or prefixed by a tool. Read as UTF-8 its header would be replacement characters, and
 * the user would be told the header is missing instead of that the encoding is wrong.
 */
export function bomContradicted(sample: Uint8Array): boolean {
  return detectEncoding(sample).bomLength === 3 && !isUtf8(sample.subarray(3));
}

/** A zip entry name without the UTF-8 flag: detected the same way. */
export function decodeName(raw: Buffer): string {
  const { encoding } = detectEncoding(raw);
  return encoding === 'utf8' ? raw.toString('utf8') : iconv.decode(raw, 'gb18030');
}

/** Decodes a byte stream chunk by chunk; a multi-byte character split across chunks is kept whole. */
export interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

export function chunkDecoder(encoding: TextEncoding): ChunkDecoder {
  if (encoding === 'utf8') {
    // Not fatal: a stray byte later in a UTF-8 file becomes U+FFFD rather than stopping the import.
    const d = new TextDecoder('utf-8', { ignoreBOM: false });
    return { write: (c) => d.decode(c, { stream: true }), end: () => d.decode() };
  }
  const d = iconv.getDecoder(encoding === 'gb18030' ? 'gb18030' : 'utf16le');
  return { write: (c) => d.write(c), end: () => d.end() ?? '' };
}
