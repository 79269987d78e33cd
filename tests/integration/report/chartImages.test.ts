import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ReportChart } from '../../../electron/core/report/model';
import { chartImages } from '../../../electron/core/report/render/chartImages';
import { BROWSER_ARGS, findChromium } from '../../../electron/core/report/render/chromiumPdf';

/**
 * The DOCX charts are drawn by the installed browser (fast) or, without one, by resvg: both must give
 * the same 300 dpi picture. The two PNGs are decoded and compared in the browser's own canvas.
 */
const CHART: ReportChart = {
  kind: 'chart', id: 'income', caption: '图1 人均纯收入', horizontal: false, yAxisName: '元/人', rightAxisName: '增长',
  categories: ['2019', '2020', '2021', '2022'],
  series: [
    { name: '人均纯收入（元）', type: 'bar', values: [5466, 6566, 7161, 7840], labels: ['5466', '6566', '7161', '7840'] },
    { name: '比上年增长', type: 'line', rightAxis: true, values: [0.2, 0.201, 0.091, 0.095], labels: ['20.0%', '20.1%', '9.1%', '9.5%'] },
  ],
};

/** Width and height from a PNG's IHDR chunk (bytes 16–23). */
const size = (png: Buffer): { w: number; h: number } => ({ w: png.readUInt32BE(16), h: png.readUInt32BE(20) });

describe('DOCX chart pictures', () => {
  const browser = findChromium();

  it('the browser and resvg draw the same 300 dpi chart', async () => {
    expect(browser, 'a Chromium-family browser (the PDF needs one too)').not.toBeNull();
    const byBrowser = (await chartImages([CHART], browser)).get('income');
    const byResvg = (await chartImages([CHART], null)).get('income');
    expect(byBrowser && byResvg).toBeTruthy();
    if (!byBrowser || !byResvg) return;
    // 150 mm at 300 dpi, the height in proportion (620 × 320 CSS pixels).
    expect(size(byBrowser.png)).toEqual({ w: 1772, h: 915 });
    expect(size(byResvg.png)).toEqual(size(byBrowser.png));
    expect(byBrowser).toMatchObject({ widthPx: 1772, heightPx: 915 });

    const b = await chromium.launch({ executablePath: browser ?? '', headless: true, args: BROWSER_ARGS });
    try {
      const page = await b.newPage();
      const stats = await page.evaluate(async ([one, two]) => {
        const pixels = async (b64: string): Promise<Uint8ClampedArray> => {
          const img = new Image();
          img.src = `data:image/png;base64,${b64}`;
          await img.decode();
          const c = new OffscreenCanvas(img.width, img.height);
          const g = c.getContext('2d') as OffscreenCanvasRenderingContext2D;
          g.drawImage(img, 0, 0);
          return g.getImageData(0, 0, img.width, img.height).data;
        };
        const [p, q] = [await pixels(one), await pixels(two)];
        let inkP = 0; let inkQ = 0; let diff = 0;
        for (let i = 0; i < p.length; i += 4) {
          const lp = ((p[i] ?? 0) + (p[i + 1] ?? 0) + (p[i + 2] ?? 0)) / 3;
          const lq = ((q[i] ?? 0) + (q[i + 1] ?? 0) + (q[i + 2] ?? 0)) / 3;
          if (lp < 128) inkP++;
          if (lq < 128) inkQ++;
          diff += Math.abs(lp - lq);
        }
        const n = p.length / 4;
        return { inkP: inkP / n, inkQ: inkQ / n, meanDiff: diff / n };
      }, [byBrowser.png.toString('base64'), byResvg.png.toString('base64')] as const);
      // Bars, axes and text are drawn (not a blank page), about as much ink in both, the same layout.
      expect(stats.inkP).toBeGreaterThan(0.05);
      expect(Math.abs(stats.inkP - stats.inkQ) / stats.inkQ).toBeLessThan(0.05);
      expect(stats.meanDiff).toBeLessThan(3); // measured 0.7 (anti-aliasing only)
    } finally {
      await b.close();
    }
  }, 120_000);

  it('without a browser resvg draws every chart (the DOCX needs no browser)', async () => {
    const images = await chartImages([CHART, { ...CHART, id: 'second' }], null);
    expect([...images.keys()]).toEqual(['income', 'second']);
    expect(size(images.get('second')?.png ?? Buffer.alloc(24))).toEqual({ w: 1772, h: 915 });
  }, 120_000);
});
