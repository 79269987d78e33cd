import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLaterDemoSnapshot } from '../../electron/core/demo/writeDemoSnapshot';
import { returnsMetrics } from '../../electron/core/metrics/returns';
import { standardMetrics } from '../../electron/core/metrics/standard';
import { countyRollup } from '../../electron/core/rollup/countyRollup';
import { formatAmount, formatCount, formatShare } from '../../renderer/src/format/numbers';
import { latestReturn } from '../../renderer/src/views/overview/overviewFigures';
import { type RunningApp, startApp } from './harness';
import { writeTwoDemoCounties } from './twoCounties';

/**
 * 多县汇总 in Chromium: two demo counties of different codes side by side with their total. The
 * county rows show the figures of the metrics engine; the total is the pooled one (persons added,
 * 人均纯收入 from the pooled sums, not the mean of the two).
 */
let app: RunningApp;

beforeAll(async () => {
  app = await startApp({ prepare: writeTwoDemoCounties });
}, 300_000);

afterAll(async () => {
  await app?.close();
});

describe('多县汇总', () => {
  it('puts both counties and the total computed from their rows side by side', async () => {
    await app.open('rollup');
    const { page } = app;
    await page.locator('[data-testid="rollup-table"]').waitFor({ timeout: 120_000 });
    const counties = page.locator('[data-testid="rollup-county"]');
    expect(await counties.count()).toBe(2);
    expect(await counties.nth(0).innerText()).toContain('绿水县');
    expect(await counties.nth(1).innerText()).toContain('青山县');

    const rollup = countyRollup(app.db);
    const total = rollup.total;
    if (!total) throw new Error('no total');
    const cell = (row: string, col: string) => page.locator(`[data-testid="${row}"] td[data-col="${col}"]`);
    // Each county's 人均纯收入 is the metrics engine's for that year.
    for (const [k, c] of rollup.counties.entries()) {
      const m = standardMetrics(app.db, { snapshotId: c.snapshotId });
      const year = m.income.byYear.find((y) => y.year === rollup.incomeYear);
      expect(c.figures.perCapita).toBeCloseTo(year?.perCapita as number, 6);
      expect(await counties.nth(k).locator('td[data-col="perCapita"]').innerText()).toBe(formatAmount(year?.perCapita ?? null));
    }
    const [a, b] = rollup.counties.map((c) => c.figures);
    if (!a || !b) throw new Error('two counties');
    expect(total.persons).toBe(a.persons + b.persons);
    expect(await cell('rollup-total', 'persons').innerText()).toBe(formatCount(a.persons + b.persons));
    // Pooled: weighted by the persons of the income year, so not the plain mean of the two.
    expect(
      Math.abs((total.perCapita as number) - ((a.perCapita as number) + (b.perCapita as number)) / 2),
    ).toBeGreaterThan(0.01);
    expect(await cell('rollup-total', 'perCapita').innerText()).toBe(formatAmount(total.perCapita));
    expect(total.supportShare).toBeCloseTo(
      (((a.supportShare as number) * a.exitPersons)
        + ((b.supportShare as number) * b.exitPersons)) / (a.exitPersons + b.exitPersons),
      12,
    );
    expect(await cell('rollup-total', 'supportShare').innerText()).toBe(formatShare(total.supportShare));
    expect(await page.locator('[data-testid="rollup-notes"]').innerText()).toContain('不是各县比率的相加或平均');
    // 返贫率 of the 截至 year (2023, the year 概览 shows; the demo's last return is earlier), 0 % there.
    expect(await page.locator('[data-testid="rollup-table"] thead').innerText()).toContain('2023 年返贫率');
    for (const [k, c] of rollup.counties.entries()) {
      const shown = latestReturn(returnsMetrics(app.db, { snapshotId: c.snapshotId }));
      expect(shown?.year).toBe(2023);
      expect(await counties.nth(k).locator('td[data-col="returnRate"]').innerText()).toBe(formatShare(shown?.rate ?? null, 2));
    }
    expect(await cell('rollup-total', 'returnRate').innerText()).toBe(formatShare(total.returnRate, 2));
    // #13: each county's 户信息户数 and 家庭成员 are joined to 建档立卡 and Σ家庭人口数, and the parts add up
    const lines = page.locator('[data-testid="rollup-reconcile"]');
    await expect.poll(() => lines.count()).toBe(rollup.counties.length);
    const numbers = (text: string): number[] =>
      [...text.matchAll(/([\d,]+) [户人]/g)].map((m) => Number((m[1] ?? '').replace(/,/g, '')));
    for (const [k, c] of rollup.counties.entries()) {
      const text = await page.locator(`[data-testid="rollup-reconcile"][data-snapshot="${c.snapshotId}"]`).innerText();
      const [households, registered, ordinary, sizeSum, memberRows, net] = numbers(text);
      expect(households).toBe(c.figures.households);
      expect(await counties.nth(k).locator('td[data-col="households"]').innerText()).toBe(formatCount(households ?? -1));
      expect((registered ?? 0) + (ordinary ?? 0)).toBe(households);
      expect(memberRows).toBe(c.figures.persons);
      expect((memberRows ?? 0) + (text.includes(' − ') ? -(net ?? 0) : (net ?? 0))).toBe(sizeSum);
    }
    await app.screenshot('rollup-two-counties');
    expect(app.pageErrors).toEqual([]);
  });

  it('exports every snapshot from 数据管理 as a .zip of Parquet partitions with koujing.sql', async () => {
    const { page } = app;
    await app.open('data');
    await page.locator('[data-testid="parquet-export"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="parquet-export"] input[type="radio"]').nth(1).check();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.locator('[data-testid="parquet-export-button"]').click(),
    ]);
    const zip = join(mkdtempSync(join(tmpdir(), 'tuopin-parquet-zip-')), download.suggestedFilename());
    await download.saveAs(zip);
    expect(download.suggestedFilename()).toMatch(/^2县-parquet-\d{4}-\d{2}-\d{2}\.zip$/);
    const listing = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(listing.some((f) => f.endsWith('county_code=532998/as_of=2023-12-31/income.parquet'))).toBe(true);
    expect(listing.some((f) => f.endsWith('county_code=532999/as_of=2023-12-31/household.parquet'))).toBe(true);
    expect(listing.some((f) => f.endsWith('/koujing.sql'))).toBe(true);
    await page.locator('[data-testid="parquet-export-done"]').waitFor();
    expect(await page.locator('[data-testid="parquet-export-done"]').innerText()).toContain('已导出 2 个快照');
    await page.locator('[data-testid="parquet-export"]').scrollIntoViewIfNeeded();
    await app.screenshot('data-parquet-export');
    expect(app.pageErrors).toEqual([]);
  });

  it('shows each county\'s own 截至 year when the newest snapshots end in different years', async () => {
    await writeLaterDemoSnapshot(app.db, { households: 450, seed: 7, county: { code: '532998', name: '绿水县' } });
    const { page } = app;
    await page.reload();
    await app.open('rollup');
    const table = page.locator('[data-testid="rollup-table"]');
    await table.waitFor({ timeout: 120_000 });
    expect(await table.locator('thead').innerText()).toContain('截至年度返贫率');
    const rollup = countyRollup(app.db);
    expect(rollup.counties.map((c) => c.asOf)).toEqual(['2024-12-31', '2023-12-31']);
    const rows = page.locator('[data-testid="rollup-county"]');
    for (const [k, c] of rollup.counties.entries()) {
      const shown = latestReturn(returnsMetrics(app.db, { snapshotId: c.snapshotId }));
      expect(shown?.year).toBe(Number(c.asOf.slice(0, 4)));
      expect(await rows.nth(k).locator('td[data-col="returnRate"]').innerText())
        .toBe(`${formatShare(shown?.rate ?? null, 2)}（${shown?.year}）`);
      expect(await rows.nth(k).locator('td[data-col="perCapita"]').innerText())
        .toBe(`${formatAmount(c.figures.perCapita)}（${c.figures.incomeYear}）`);
    }
    expect(await table.locator('thead').innerText()).toContain('最近年度人均纯收入');
    await app.screenshot('rollup-different-years');
    expect(app.pageErrors).toEqual([]);
  });
});
