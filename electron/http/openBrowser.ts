import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A page of the user's own (a private folder, mode 0600) that sends the browser on to `url`: the
 * token then travels in no command line, which every local user can read (ps, /proc/…/cmdline).
 */
export function redirectPage(url: string, dir: string = mkdtempSync(join(tmpdir(), 'tuopin-open-'))): string {
  const file = join(dir, 'open.html');
  const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  writeFileSync(file, `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escaped}"><title>脱贫成效分析工作站</title>`,
    { mode: 0o600 });
  return file;
}

/**
 * Asks the desktop to open the URL in the user's browser. Best effort: a machine without a
 * browser (a server, CI) just keeps the printed URL. On Linux without a display xdg-open would
 * start a text browser in this terminal, so it is not tried there.
 */
export function openBrowser(url: string): void {
  const command = browserCommand(() => redirectPage(url));
  if (!command) return;
  try {
    const child = spawn(command.file, command.args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener on this machine: the URL was printed, that is enough.
  }
}

/** The opener of this platform for the file `target()` writes (only written when there is one). */
export function browserCommand(target: () => string): { file: string; args: string[] } | null {
  if (process.platform === 'win32') return { file: 'cmd', args: ['/c', 'start', '""', target()] };
  if (process.platform === 'darwin') return { file: 'open', args: [target()] };
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return null;
  return { file: 'xdg-open', args: [target()] };
}
