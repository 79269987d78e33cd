import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DeliveryId, type Delivery } from '../../../shared/api/delivery';
import { safeFileName } from './safeFileName';

const DELIVERY_FOLDER = 'deliveries';

/** SHA-256 of a file, streamed (a county export can be hundreds of MB). */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Lets `write` produce a file for the user inside the host's work folder and returns it as a
 * Delivery. The folder and the name are the core's choice, never the page's: the page only gets an
 * opaque id back, so no call can make the core write outside its place. A failed write leaves
 * nothing behind.
 */
export async function createDelivery(
  workDir: string,
  fileName: string,
  write: (path: string) => Promise<void> | void,
): Promise<Delivery> {
  const id = randomBytes(18).toString('base64url');
  const folder = join(workDir, DELIVERY_FOLDER, id);
  await mkdir(folder, { recursive: true });
  const name = safeFileName(fileName);
  const path = join(folder, name);
  try {
    await write(path);
    if (!existsSync(path)) throw new Error(`导出没有写出文件：${name}`);
    return { id, fileName: name, bytes: statSync(path).size, sha256: await sha256OfFile(path) };
  } catch (err) {
    await rm(folder, { recursive: true, force: true });
    throw err;
  }
}

/** The file behind a delivery id, or null when the id is malformed or unknown. */
export function deliveredFile(workDir: string, id: string): { path: string; fileName: string } | null {
  if (!DeliveryId.safeParse(id).success) return null;
  const folder = join(workDir, DELIVERY_FOLDER, id);
  if (!existsSync(folder)) return null;
  const [name] = readdirSync(folder);
  if (name === undefined) return null;
  const path = join(folder, name);
  return statSync(path).isFile() ? { path, fileName: name } : null;
}
