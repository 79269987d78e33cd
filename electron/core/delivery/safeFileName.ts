import { basename } from 'node:path';

/**
 * Keeps a file's own name (reports and imports show it, its extension says what it is) but strips
 * any folder part and the characters no file system accepts.
 */
export function safeFileName(name: string, fallback = 'file.bin'): string {
  const base = [...basename(name.replace(/\\/g, '/'))]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '<>:"|?*'.includes(ch) ? '_' : ch))
    .join('')
    .trim();
  const cleaned = base.replace(/^\.+/, '');
  return cleaned.length > 0 ? cleaned.slice(0, 200) : fallback;
}
