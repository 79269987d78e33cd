import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { ReportChart } from '../model';
import { CHART_DPI, CHART_WIDTH_MM, type ChartImage } from './chartPng';
import { CHART_WIDTH, chartHeight, chartSvg } from './chartSvg';
import { BROWSER_ARGS } from './chromiumPdf';
import { SANS_FAMILY, reportFonts } from './fonts';

/**
 * The charts as PNG drawn by the installed Chromium-family browser that prints the PDF. resvg
 * (chartPng.ts) re-reads the whole 10 MB font file for every text element it lays out (≈ 11 ms of
 * system time each, ≈ 220 labels in a report); the browser decodes the font once for all charts.
 */
export async function chartPngsInBrowser(
  charts: readonly ReportChart[], executablePath: string,
): Promise<Map<string, ChartImage>> {
  if (charts.length === 0) return new Map();
  // A page file, so the fonts' file URLs load as from any local page (a page set from a string may not).
  const dir = await mkdtemp(join(tmpdir(), 'tuopin-charts-'));
  const htmlPath = join(dir, 'charts.html');
  await writeFile(htmlPath, chartsPage(charts), 'utf8');
  const widthPx = Math.round((CHART_WIDTH_MM / 25.4) * CHART_DPI);
  const browser = await chromium.launch({ executablePath, headless: true, args: BROWSER_ARGS });
  try {
    // The CSS width of a chart times the scale is the 300 dpi width of the DOCX picture.
    const page = await browser.newPage({ deviceScaleFactor: widthPx / CHART_WIDTH });
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    // A string, as the core is compiled without the DOM's types.
    await page.evaluate('document.fonts.ready.then(() => true)');
    const images = new Map<string, ChartImage>();
    for (const [i, chart] of charts.entries()) {
      const png = await page.locator(`#chart-${i}`).screenshot({ scale: 'device', animations: 'disabled' });
      images.set(chart.id, { png, widthPx, heightPx: Math.round((chartHeight(chart) * widthPx) / CHART_WIDTH) });
    }
    return images;
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every chart's SVG on one page, each in a box of its own size, in the bundled sans font. */
function chartsPage(charts: readonly ReportChart[]): string {
  const faces = reportFonts().filter((f) => f.family === SANS_FAMILY).map((f) =>
    `@font-face { font-family: '${f.family}'; font-weight: ${f.weight}; src: url('${pathToFileURL(f.file).href}'); }`);
  const boxes = charts.map((c, i) => {
    const h = chartHeight(c);
    return `<div id="chart-${i}" style="width:${CHART_WIDTH}px;height:${h}px">${chartSvg(c, CHART_WIDTH, h)}</div>`;
  });
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${faces.join('\n')}
html, body { margin: 0; padding: 0; background: #fff; } div { overflow: hidden; }
</style></head><body>${boxes.join('')}</body></html>`;
}
