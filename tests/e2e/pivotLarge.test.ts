import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPivot } from '../../electron/core/pivot/runPivot';
import { type RunningApp, startApp } from './harness';

const zh = (value: number): string => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 }).format(value);

/**
 * A pivot of over 10,000 rows on the demo county (行政村 × 收入年度 × 贫困户属性 × 主要致贫原因, with
 * subtotals): the grid keeps only a window of rows in the page, scrolls to the last row at once, and
 * the page keeps drawing frames while it scrolls.
 */
describe('透视分析 with 10,000+ rows', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ demo: true });
  }, 120_000);
  afterAll(async () => app?.close());

  it('scrolls a 10,000+ row pivot to its last row with only a window of rows in the page', async () => {
    const { page } = app;
    await app.open('pivot');
    await page.getByTestId('pivot-grid').waitFor();
    for (const field of ['行政村', '收入年度', '贫困户属性', '主要致贫原因']) await page.getByRole('button', { name: `把${field}加到行` }).click();
    const started = Date.now();
    await page.getByTestId('chip-rows-township').locator('.pivot-chip-remove').click();

    const rows = ['village', 'year', 'householdAttribute', 'mainCause'];
    const core = runPivot(app.db, { spec: { rows, values: [{ measure: 'households' }, { measure: 'persons' }], totals: true } });
    // Subtotals at every level above the last; the grand total is pinned apart.
    const subtotals = core.totals.filter((l) => {
      const nulls = l.slice(0, rows.length).filter((c) => c === null).length;
      return nulls > 0 && nulls < rows.length;
    });
    const gridRows = core.rows.length + subtotals.length;
    expect(gridRows).toBeGreaterThanOrEqual(10_000);
    await expect.poll(() => page.getByTestId('pivot-meta').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^${core.rows.length} 行`));
    await page.locator('.pivot-grid .ag-row[row-index="0"]').waitFor();
    const firstPaintMs = Date.now() - started;

    // Scroll to the bottom in steps, one per frame, noting the longest gap between frames.
    const scroll = await page.evaluate(async (last) => {
      // The element that scrolls the rows, whatever AG Grid calls it in this version.
      let viewport: Element | null = document.querySelector('.pivot-grid .ag-row[row-index="0"]');
      while (viewport && !(viewport.scrollHeight > viewport.clientHeight + 100 && /auto|scroll/.test(getComputedStyle(viewport).overflowY))) viewport = viewport.parentElement;
      if (!viewport) throw new Error('no scrolling element');
      const t0 = performance.now();
      let longestFrame = 0;
      let previous = t0;
      const frame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));
      const steps = 40;
      for (let i = 1; i <= steps; i++) {
        viewport.scrollTop = (viewport.scrollHeight * i) / steps;
        const now = await frame();
        longestFrame = Math.max(longestFrame, now - previous);
        previous = now;
      }
      // Then until the last row is drawn.
      while (!document.querySelector(`.pivot-grid .ag-row[row-index="${last}"]`)) {
        const now = await frame();
        longestFrame = Math.max(longestFrame, now - previous);
        previous = now;
        if (now - t0 > 20_000) break;
      }
      return {
        ms: performance.now() - t0,
        longestFrame,
        rowsInDom: document.querySelectorAll('.pivot-grid .ag-row[row-index]:not(.pivot-total)').length,
        lastShown: document.querySelector(`.pivot-grid .ag-row[row-index="${last}"]`) !== null,
        beyond: document.querySelector(`.pivot-grid .ag-row[row-index="${last + 1}"]`) !== null,
      };
    }, gridRows - 1);
    console.log(`${gridRows} grid rows: first paint ${firstPaintMs} ms after the last field change (query included); scroll to the bottom ${Math.round(scroll.ms)} ms, longest frame ${Math.round(scroll.longestFrame)} ms, ${scroll.rowsInDom} rows in the page`);
    expect(scroll.lastShown).toBe(true);
    expect(scroll.beyond).toBe(false);
    expect(scroll.rowsInDom).toBeLessThan(150);
    expect(scroll.ms).toBeLessThan(10_000);
    expect(scroll.longestFrame).toBeLessThan(2_000);
    await app.screenshot('pivot-large-bottom');
    // The pinned grand total names itself in the first row field, whichever field that now is.
    expect(await page.locator('.pivot-grid .pivot-total [col-id="row:village"]').textContent()).toBe('合计');

    // The last row is the subtotal of the engine's last village, with its figures.
    const lastVillage = String(core.rows.at(-1)?.[0]);
    const last = page.locator(`.pivot-grid .ag-row[row-index="${gridRows - 1}"]`);
    expect(await last.locator('[col-id="row:village"]').textContent()).toBe(lastVillage);
    expect(await last.locator('[col-id="row:year"]').textContent()).toBe('小计');
    const subtotal = core.totals.find((l) => l[0] === lastVillage && l.slice(1, rows.length).every((c) => c === null));
    const h = core.fields.indexOf('households');
    const lastCells = page.locator(`.pivot-grid .ag-row[row-index="${gridRows - 1}"]`);
    expect(await lastCells.locator('[col-id="__total__|households"]').textContent()).toBe(zh(Number(subtotal?.[h])));

    // A header sort of all of them is the grid's own work (no new query): the first row is the
    // biggest village's biggest year's biggest attribute's biggest cause, as the engine sorts.
    let queries = 0;
    const countQueries = (request: { url(): string }): void => {
      if (request.url().includes('/api/pivot.run')) queries += 1;
    };
    page.on('request', countQueries);
    const sortStarted = Date.now();
    await page.locator('.pivot-grid .ag-header-cell[col-id="__total__|households"]').click();
    await expect.poll(() => page.locator('.pivot-grid .ag-header-cell[col-id="__total__|households"]').getAttribute('aria-sort')).toBe('descending');
    const sorted = runPivot(app.db, { spec: { rows, values: [{ measure: 'households' }, { measure: 'persons' }], totals: true, sort: [{ field: 'households', direction: 'desc' }] } });
    await page.locator('.pivot-grid .ag-row').first().evaluate((row) => {
      let e: Element | null = row;
      while (e && !(e.scrollHeight > e.clientHeight + 100 && /auto|scroll/.test(getComputedStyle(e).overflowY))) e = e.parentElement;
      if (e) e.scrollTop = 0;
    });
    const first = page.locator('.pivot-grid .ag-row[row-index="0"]');
    const shownFirst = async (): Promise<string> => `${await first.locator('[col-id="row:village"]').textContent()}/${await first.locator('[col-id="row:mainCause"]').textContent()}`;
    await expect.poll(shownFirst).toBe(`${String(sorted.rows[0]?.[0])}/${String(sorted.rows[0]?.[3])}`);
    console.log(`header sort of ${gridRows} rows shown in ${Date.now() - sortStarted} ms (in the page, no new query)`);
    page.off('request', countQueries);
    expect(queries).toBe(0);
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
