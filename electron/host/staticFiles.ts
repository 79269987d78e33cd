import { readFile, stat } from 'node:fs/promises';
import { join, normalize, resolve, sep } from 'node:path';
import { reportFontFileForUrl } from '../core/report/render/fonts';
import { mimeTypeOf } from './mimeTypes';

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * Maps a URL path to a file of the built renderer, or null. A path that would leave the root
 * (`..`, encoded or not, or a NUL byte) is null as well, so nothing else on disk can be read.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const absoluteRoot = resolve(root);
  const target = resolve(absoluteRoot, normalize(relative));
  if (target !== absoluteRoot && !target.startsWith(absoluteRoot + sep)) return null;
  return target;
}

/** A file of the built renderer, or one of the report's bundled fonts (served beside it, not copied into it). */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  const font = reportFontFileForUrl(urlPath);
  if (font !== null) return { body: await readFile(font), contentType: mimeTypeOf(font) };
  const target = resolveStaticPath(root, urlPath);
  if (!target) return null;
  try {
    const info = await stat(target);
    const file = info.isDirectory() ? join(target, 'index.html') : target;
    return { body: await readFile(file), contentType: mimeTypeOf(file) };
  } catch {
    return null;
  }
}
