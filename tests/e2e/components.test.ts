import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from './harness';

/**
 * The shared Grid and Chart components, on a fixture page built here with the renderer's own Vite
 * settings and served by the real loopback host (same CSP), so what views rely on is proven once.
 */
const FIXTURE = join(__dirname, 'fixtures', 'componentGallery');

async function saved(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

describe('shared components: DataGrid and Chart', () => {
  let outDir: string;
  let app: RunningApp;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'tuopin-gallery-'));
    await build({
      root: FIXTURE,
      base: './',
      configFile: false,
      logLevel: 'error',
      oxc: { jsx: { runtime: 'automatic' } },
      build: { outDir, emptyOutDir: true, target: 'chrome120', chunkSizeWarningLimit: 4000, reportCompressedSize: false },
    });
    app = await startApp({ rendererDir: outDir, readySelector: '[data-testid="gallery"]' });
  });

  afterAll(async () => {
    await app?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('renders a dense grid in Chinese with formatted numbers and a pinned total', async () => {
    const grid = app.page.getByTestId('grid');
    await grid.locator('.ag-row').first().waitFor();
    expect(await grid.locator('.ag-header-cell-text').allTextContents()).toEqual(['乡镇', '户数', '人均纯收入（元）']);
    const cells = await grid.locator('.ag-row:not(.ag-row-pinned) [role="gridcell"]').allTextContents();
    expect(cells).toEqual(expect.arrayContaining(['城关镇', '1,234', '12,345.6', '青山乡', '567', '9,876.5']));
    expect(await grid.locator('.ag-row-pinned [role="gridcell"]').allTextContents()).toEqual(['合计', '1,801', '11,111.1']);
    expect(await app.page.getByTestId('empty-grid').textContent()).toContain('无显示行');
  });

  it('exports the grid as CSV that Excel on Chinese Windows opens (UTF-8 with BOM)', async () => {
    const file = await saved(app.page, () => app.page.getByTestId('grid').getByRole('button', { name: '导出 CSV' }).click());
    expect(file.name).toBe('分乡镇收入.csv');
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.bytes.toString('utf8');
    expect(text).toContain('乡镇');
    expect(text).toContain('城关镇');
    // Neutralised as the core's exports are: a leading apostrophe, so Excel and WPS show text, not a link.
    expect(text).toContain(`"'=HYPERLINK(""http://example.invalid"",""点我"")"`);
    expect(text.split(/\r?\n/).some((line) => /^"?[=+\-@]/.test(line))).toBe(false);
  });

  it('draws the chart and saves it as PNG and as SVG', async () => {
    const chart = app.page.getByTestId('chart');
    await chart.locator('canvas').first().waitFor();
    const png = await saved(app.page, () => chart.getByRole('button', { name: '保存 PNG' }).click());
    expect(png.name).toBe('人均纯收入.png');
    expect(png.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    const svg = await saved(app.page, () => chart.getByRole('button', { name: '保存 SVG' }).click());
    expect(svg.name).toBe('人均纯收入.svg');
    const text = svg.bytes.toString('utf8');
    expect(text).toMatch(/^<svg/);
    expect(text).toContain('人均纯收入（元）');
  });

  it('follows its container when the window is resized', async () => {
    const canvas = app.page.getByTestId('chart').locator('canvas').first();
    const before = (await canvas.boundingBox())?.width ?? 0;
    await app.page.setViewportSize({ width: 1024, height: 700 });
    await expect.poll(async () => (await canvas.boundingBox())?.width ?? 0).toBeLessThan(before - 200);
    await app.page.setViewportSize({ width: 1366, height: 768 });
  });

  it('runs under the strict CSP without a single violation or outside request', async () => {
    console.log(`  ${await app.screenshot('components-gallery')}`);
    expect(app.pageErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
