import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCountyPivot } from '../../electron/core/pivot/countyPivot';
import { checkSpec } from '../../electron/core/pivot/runPivot';
import { reconcileSnapshot } from '../../electron/core/metrics/reconcile';
import { newestByCounty } from '../../electron/core/rollup/countyRollup';
import { membersLine } from '../../shared/format/reconcileText';
import { type RunningApp, startApp } from './harness';
import { writeTwoDemoCounties } from './twoCounties';

/**
 * 透视分析 across counties in Chromium: two demo counties of different codes, 跨县 ticked and 县 put on
 * the rows; the grid shows both counties and their total as the engine computes them.
 */
let app: RunningApp;
const zh = (value: number): string => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 }).format(value);

beforeAll(async () => {
  app = await startApp({ prepare: writeTwoDemoCounties });
}, 300_000);

afterAll(async () => {
  await app?.close();
});

describe('透视分析 跨县', () => {
  it('puts 县 on the rows over the newest snapshot of each county, with the pooled total', async () => {
    const { page } = app;
    await app.open('pivot');
    await page.getByTestId('pivot-grid').waitFor({ timeout: 120_000 });
    await page.getByTestId('pivot-across').locator('input').check();
    await page.getByTestId('chip-rows-township').locator('.pivot-chip-remove').click();
    await page.getByRole('button', { name: '把县加到行' }).click();
    const grid = page.getByTestId('pivot-grid');
    await expect.poll(() => grid.innerText(), { timeout: 60_000 }).toContain('绿水县');
    const text = await grid.innerText();
    expect(text).toContain('青山县');
    const spec = checkSpec({ rows: ['county'], values: [{ measure: 'households' }, { measure: 'persons' }], totals: true });
    const result = runCountyPivot(app.db, { spec: { rows: ['county'], values: [{ measure: 'households' }] }, acrossCounties: true }, spec);
    const total = result.totals.find((t) => t[0] === null);
    expect(total?.[1]).toBe(1050);
    for (const row of result.rows) {
      expect(text).toContain(zh(row[1] as number));
      expect(text).toContain(zh(row[2] as number));
    }
    expect(text).toContain(zh(total?.[2] as number));
    // 人数 is shown: the 口径 joins each county's 人数 to its member rows, as a single-county pivot does (#13).
    await page.locator('.pivot-koujing summary').click();
    const notes = page.locator('.pivot-koujing li', { hasText: '成员表' });
    await expect.poll(() => notes.count(), { timeout: 30_000 }).toBe(result.rows.length);
    const shown = (await notes.allInnerTexts()).map((t) => t.trim());
    for (const s of newestByCounty(app.db)) {
      const line = `${s.countyName}全快照（不计筛选）：${membersLine(reconcileSnapshot(app.db, s.id))}`;
      expect(shown).toContain(line);
      // Unfiltered, the county's row of 人数 is the line's first figure.
      const persons = Number((/人数 ([\d,]+) 人/.exec(line)?.[1] ?? '').replace(/,/g, ''));
      expect(result.rows.find((r) => r[0] === s.countyName)?.[2]).toBe(persons);
    }
    await app.screenshot('pivot-across-counties');
    expect(app.pageErrors).toEqual([]);
  });
});
