import { createWriteStream, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import yazl from 'yazl';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

/**
 * Packs a folder into one .zip (yazl writes the format): the page host hands an export folder to
 * the user as one file. Parquet is already compressed, so the entries are stored, not deflated.
 */
export async function zipFolder(dir: string, zipPath: string, root: string): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const file of filesUnder(dir)) {
    const name = relative(dir, file).split('\\').join('/');
    zip.addFile(file, `${root}/${name}`, { compress: !name.endsWith('.parquet') });
  }
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(zipPath);
    out.on('close', () => resolve());
    out.on('error', reject);
    zip.outputStream.on('error', reject);
    zip.outputStream.pipe(out);
  });
}
