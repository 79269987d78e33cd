import { spawn } from 'node:child_process';

/**
 * Asks the desktop to open the URL in the user's browser. Best effort: a machine without a
 * browser (a server, CI) just keeps the printed URL. On Linux without a display xdg-open would
 * start a text browser in this terminal, so it is not tried there.
 */
export function openBrowser(url: string): void {
  const command = browserCommand(url);
  if (!command) return;
  try {
    const child = spawn(command.file, command.args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener on this machine: the URL was printed, that is enough.
  }
}

function browserCommand(url: string): { file: string; args: string[] } | null {
  if (process.platform === 'win32') return { file: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  if (process.platform === 'darwin') return { file: 'open', args: [url] };
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return null;
  return { file: 'xdg-open', args: [url] };
}
