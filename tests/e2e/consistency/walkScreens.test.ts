import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { VIEWS } from '../../../renderer/src/views/registry';
import { type RunningApp, startApp } from '../harness';

/**
 * Every view of the navigation on the demo county at the two sizes a county PC and a large monitor
 * have (1280×720, 1920×1080): a screenshot of each is kept under screenshots/walk-<size>-<view>.png
 * for looking at, and what can be checked in the page is checked — no chart axis repeats an integer
 * tick (0, 1, 1, 2, 2 on small counts), no grid header is cut off.
 */
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

async function settle(page: Page, key: string): Promise<void> {
  await page.locator(`main.content[data-view="${key}"]`).waitFor({ timeout: 60_000 });
  await expect.poll(() => page.locator('main.content .loading, main.content .headline-pending').count(), { timeout: 120_000 }).toBe(0);
  await page.waitForTimeout(1500);
}

/** Header cells whose text is wider than the cell (ellipsis or clipped). */
async function cutHeaders(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut: string[] = [];
    for (const el of Array.from(document.querySelectorAll('main.content .ag-header-cell-text'))) {
      const e = el as HTMLElement;
      if (e.scrollWidth > e.clientWidth + 1) cut.push(e.innerText);
    }
    return cut;
  });
}

/**
 * The labels of every value axis of every chart, as the chart wrote them on its element once drawn
 * (a chart that never said what it drew is reported too, so the check cannot pass by not looking).
 */
async function repeatedTicks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('main.content .chart-canvas'))) {
      const title = el.closest('.panel')?.querySelector('.panel-title')?.textContent ?? '图表';
      const ticks = el.getAttribute('data-chart-ticks');
      if (ticks === null) {
        found.push(`${title}: 未记录坐标刻度`);
        continue;
      }
      // A mirrored axis (outflows to the left) shows 500 on both sides: only one sign counts.
      for (const axis of JSON.parse(ticks) as { value: number; label: string }[][]) {
        const seen = new Map<string, number>();
        for (const t of axis) {
          const other = seen.get(t.label);
          if (other !== undefined && Math.sign(other) === Math.sign(t.value)) {
            found.push(`${title}: ${axis.map((x) => x.label).join(' / ')}`);
            break;
          }
          seen.set(t.label, t.value);
        }
      }
    }
    return found;
  });
}

/**
 * A legend that lies over an axis title, from the boxes each drawn chart wrote on its element; a
 * chart with a legend or an axis title that wrote nothing is reported too.
 */
async function legendOverAxisTitles(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Box = { x: number; y: number; width: number; height: number };
    const meet = (a: Box, b: Box): boolean =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('main.content .chart-canvas'))) {
      const title = el.closest('.panel')?.querySelector('.panel-title')?.textContent ?? '图表';
      const layout = el.getAttribute('data-chart-layout');
      if (layout === null) {
        found.push(`${title}: 未记录图例位置`);
        continue;
      }
      const { legends, names } = JSON.parse(layout) as { legends: Box[]; names: { name: string; box: Box }[] };
      for (const n of names) if (legends.some((l) => meet(l, n.box))) found.push(`${title}: 图例压住坐标轴标题「${n.name}」`);
    }
    return found;
  });
}

describe('every view at 1280×720 and 1920×1080', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ demo: true });
  });
  afterAll(async () => {
    await app?.close();
  });

  for (const size of SIZES) {
    it(`shows every view at ${size.width}×${size.height} without cut headers or repeated ticks`, async () => {
      await app.page.setViewportSize(size);
      const problems: string[] = [];
      for (const view of VIEWS) {
        await app.open(view.key);
        await settle(app.page, view.key);
        await app.screenshot(`walk-${size.width}-${view.key}`);
        for (const h of await cutHeaders(app.page)) problems.push(`${view.key}: 表头被截断「${h}」`);
        for (const t of await repeatedTicks(app.page)) problems.push(`${view.key}: 坐标刻度重复 ${t}`);
        for (const l of await legendOverAxisTitles(app.page)) problems.push(`${view.key}: ${l}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('keeps integer ticks on the small counts of one village in every analysis view', async () => {
    await app.page.setViewportSize(SIZES[0]);
    const village = app.db.prepare(
      `SELECT township, village FROM household GROUP BY township, village ORDER BY COUNT(*) LIMIT 1`,
    ).get() as { township: string; village: string };
    const query = new URLSearchParams({ town: village.township, village: village.village }).toString();
    const problems: string[] = [];
    for (const view of VIEWS.filter((v) => ['overview', 'income', 'returns', 'exits', 'monitoring', 'flows'].includes(v.key))) {
      await app.open(view.key, query);
      await settle(app.page, view.key);
      await app.screenshot(`walk-village-${view.key}`);
      for (const t of await repeatedTicks(app.page)) problems.push(`${view.key}: 坐标刻度重复 ${t}`);
    }
    expect(problems).toEqual([]);
  });
});
