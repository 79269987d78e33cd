import { BrowserWindow, session } from 'electron';
import { rm, writeFile } from 'node:fs/promises';

/**
 * The desktop app's PDF printer for the report: Electron's own Chromium prints the report's HTML
 * (the same document the CLI prints with an installed browser). A hidden window in a session of
 * its own, no scripts, and only file: requests (the page and its bundled fonts) let through.
 */
export async function printHtmlWithElectron(html: string, outPath: string): Promise<void> {
  const htmlPath = `${outPath}.print.html`;
  await writeFile(htmlPath, html, 'utf8');
  const printSession = session.fromPartition('tuopin-report-print');
  printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('file:') }));
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      session: printSession, sandbox: true, javascript: false, contextIsolation: true, nodeIntegration: false,
    },
  });
  try {
    await win.loadFile(htmlPath);
    const pdf = await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true });
    await writeFile(outPath, pdf);
  } finally {
    win.destroy();
    await rm(htmlPath, { force: true });
  }
}
