import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { ZipArchive } from '../../../electron/core/import/readers/zipArchive';

const dir = mkdtempSync(join(tmpdir(), 'zip-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Several MiB of XML-like text: the inflater hands it over in more than one chunk. */
function bigText(): string {
  const parts: string[] = [];
  for (let i = 0; i < 60_000; i++) parts.push(`<row r="${i + 1}"><c r="A${i + 1}" t="str"><v>户${i}·${(i * 7919) % 1000}</v></c></row>`);
  return parts.join('');
}

async function writeZip(files: Record<string, { text: string; store?: boolean }>): Promise<string> {
  const zip = new JSZip();
  for (const [name, f] of Object.entries(files)) zip.file(name, f.text, { compression: f.store ? 'STORE' : 'DEFLATE' });
  const path = join(dir, `z${Math.random().toString(36).slice(2)}.zip`);
  writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }));
  return path;
}

describe('zip archive entries', () => {
  it('inflates deflated entries and passes stored ones through, whole', async () => {
    const big = bigText();
    const path = await writeZip({
      'xl/worksheets/sheet1.xml': { text: big },
      'stored.txt': { text: big.slice(0, 5000), store: true },
      'small.xml': { text: '<a>县</a>' },
      'empty.xml': { text: '' },
    });
    const zip = await ZipArchive.open(path);
    try {
      const entry = zip.find('xl/worksheets/sheet1.xml')!;
      let chunks = 0;
      const parts: Buffer[] = [];
      for await (const c of await zip.openStream(entry)) {
        chunks++;
        parts.push(c as Buffer);
      }
      expect(chunks).toBeGreaterThan(1);
      expect(Buffer.concat(parts).toString('utf8')).toBe(big);
      expect(await zip.readText(zip.find('stored.txt')!)).toBe(big.slice(0, 5000));
      expect(await zip.readText(zip.find('small.xml')!)).toBe('<a>县</a>');
      expect(await zip.readText(zip.find('empty.xml')!)).toBe('');
    } finally {
      zip.close();
    }
  });

  it('lets a reader stop after the first chunk and read the entry again', async () => {
    const big = bigText();
    const path = await writeZip({ 'sheet.xml': { text: big } });
    const zip = await ZipArchive.open(path);
    try {
      const entry = zip.find('sheet.xml')!;
      const stream = await zip.openStream(entry);
      for await (const c of stream) {
        expect((c as Buffer).length).toBeGreaterThan(0);
        break;
      }
      expect(stream.destroyed).toBe(true);
      expect(await zip.readText(entry)).toBe(big);
    } finally {
      zip.close();
    }
  });
});
