import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { Refusal } from '../../refusal';

/**
 * The PDF outside the desktop app: an installed Chromium-family browser (Chromium or Chrome on
 * Linux, Edge on Windows; TUOPIN_CHROMIUM names another) prints the report's HTML, as Electron's
 * printToPDF does in the app. Nothing is downloaded.
 */

const CANDIDATES: Readonly<Record<string, readonly string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge'],
  win32: [
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  ],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'],
};

export const BROWSER_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run',
];

export function findChromium(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): string | null {
  const override = env.TUOPIN_CHROMIUM;
  if (override) return existsSync(override) ? override : null;
  return (CANDIDATES[platform] ?? []).find((p) => existsSync(p)) ?? null;
}

export function noBrowserMessage(env: NodeJS.ProcessEnv = process.env): string {
  const named = env.TUOPIN_CHROMIUM ? `TUOPIN_CHROMIUM 指定的浏览器不存在（${env.TUOPIN_CHROMIUM}）。` : '';
  return `${named}导出 PDF 需要本机安装 Chromium 内核的浏览器（Windows：Microsoft Edge；Linux：Chromium 或 Chrome），未找到。`
    + '请安装后重试，或用环境变量 TUOPIN_CHROMIUM 指明浏览器程序的位置；也可先导出 DOCX 再另存为 PDF。';
}

/** Prints an HTML document to `outPath` as PDF; the page size and margins come from its @page rules. */
export async function printHtmlToPdf(
  html: string, outPath: string, signal?: { readonly cancelled: boolean },
): Promise<void> {
  const executablePath = findChromium();
  if (executablePath === null) throw new Refusal('refused', noBrowserMessage());
  // A file beside the output, so the @font-face file URLs load as from any local page.
  const htmlPath = join(`${outPath}.print.html`);
  await writeFile(htmlPath, html, 'utf8');
  const browser = await chromium.launch({ executablePath, headless: true, args: BROWSER_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    // The fonts are loaded by the time 'load' fires for file URLs; a short settle covers the SVG text.
    await page.waitForLoadState('networkidle');
    if (signal?.cancelled) return;
    await page.pdf({ path: outPath, preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
    await rm(htmlPath, { force: true });
  }
}

/** Pages of a PDF Chromium wrote (its page objects are plain, one `/Type /Page` each). */
export function pdfPageCount(bytes: Buffer): number {
  return (bytes.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}
