import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { safeFileName } from '../core/delivery/safeFileName';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Largest file a browser may hand over (a county export with every year is well under this). */
export const UPLOAD_LIMIT_BYTES = 512 * 1024 * 1024;

/**
 * Keeps the file's own name (the import reports it, and its extension says how to read it) but
 * strips any folder part and characters no file system accepts; a random folder per upload keeps
 * two files of the same name apart.
 */
export function safeUploadName(name: string): string {
  return safeFileName(name, 'upload.bin');
}

/** Saves uploaded bytes under the host's work folder and returns the saved file's path. */
export async function saveUpload(workDir: string, name: string, bytes: Uint8Array): Promise<string> {
  const folder = join(workDir, 'uploads', randomBytes(8).toString('hex'));
  await mkdir(folder, { recursive: true });
  const file = join(folder, safeUploadName(name));
  await writeFile(file, bytes);
  return file;
}

/**
 * Streams a request body into a new upload file, refusing it (and deleting the partial file)
 * once it passes `limitBytes`, so a large county export never sits whole in memory.
 */
export async function receiveUpload(
  body: NodeJS.ReadableStream,
  workDir: string,
  name: string,
  limitBytes: number = UPLOAD_LIMIT_BYTES,
): Promise<string> {
  const folder = join(workDir, 'uploads', randomBytes(8).toString('hex'));
  await mkdir(folder, { recursive: true });
  const file = join(folder, safeUploadName(name));
  let size = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > limitBytes) callback(new UploadTooLarge(limitBytes));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(body, limiter, createWriteStream(file));
  } catch (err) {
    await rm(folder, { recursive: true, force: true });
    throw err;
  }
  return file;
}

export class UploadTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`文件超过上传上限 ${Math.round(limitBytes / 1024 / 1024)} MB`);
  }
}
