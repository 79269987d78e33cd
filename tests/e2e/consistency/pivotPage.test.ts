import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPivot } from '../../../electron/core/pivot/runPivot';
import { type RunningApp, startApp } from '../harness';

/**
 * 透视分析 on the demo county (#13, points 2, 5 and 9): a page title; the size of the table as it is
 * shown (rows × columns, not the engine's cells); a hint that a double-click drills; the income
 * year an income measure brings in shown as a chip with the households it removes, and the
 * 收入年度 control only with an income measure; a drill-through that exports every household.
 */
const zh = (n: number): string => new Intl.NumberFormat('zh-CN').format(n);

describe('透视分析: what the page says about its own figures', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ demo: true });
    await app.open('pivot');
    await app.page.getByTestId('pivot-grid').waitFor();
  }, 120_000);
  afterAll(async () => app?.close());

  it('has a title, counts the rows it shows and says a double-click drills', async () => {
    const { page } = app;
    expect(await page.locator('.view-header h1').innerText()).toBe('透视分析');
    expect(await page.getByTestId('drill-hint').innerText()).toContain('双击');
    await page.getByRole('button', { name: '把脱贫年度加到列' }).click();
    await page.getByTestId('chip-columns-exitYear').waitFor();
    const core = runPivot(app.db, {
      spec: { rows: ['township'], columns: ['exitYear'], values: [{ measure: 'households' }, { measure: 'persons' }], totals: true },
    });
    const townships = new Set(core.rows.map((r) => r[0])).size;
    const years = new Set(core.rows.map((r) => r[1])).size;
    // Each exit year and the 合计 column carry 户数 and 人数
    const expected = `${townships} 行 × ${(years + 1) * 2} 列`;
    await expect.poll(() => page.getByTestId('pivot-meta').innerText()).toContain(expected);
    expect(core.rows.length).toBeGreaterThan(townships);
    expect(await page.getByTestId('pivot-meta').innerText()).not.toContain(`${core.rows.length} 行`);
    const shownRows = await page.locator('.pivot-grid .ag-row[row-index]').evaluateAll((rows) => new Set(
      // The pinned 合计 row is indexed b-0
      rows.map((r) => r.getAttribute('row-index') ?? '').filter((i) => /^\d+$/.test(i)),
    ).size);
    expect(shownRows).toBe(townships);
    await app.screenshot('consistency-pivot-title-size');
  }, 60_000);

  it('shows the income year as a chip that says what it removes, and its control only with an income measure', async () => {
    const { page } = app;
    await page.getByTestId('chip-rows-township').locator('.pivot-chip-remove').click();
    await page.getByTestId('chip-columns-exitYear').locator('.pivot-chip-remove').click();
    await page.getByRole('button', { name: '把脱贫年度加到行' }).click();
    await page.getByTestId('chip-rows-exitYear').waitFor();
    expect(await page.getByTestId('year-select').count()).toBe(0);
    expect(await page.getByTestId('chip-income-year').count()).toBe(0);

    await page.getByRole('button', { name: '把人均纯收入加到值' }).click();
    const chip = page.getByTestId('chip-income-year');
    await chip.waitFor();
    expect(await page.getByTestId('year-select').count()).toBe(1);
    const result = runPivot(app.db, {
      spec: { rows: ['exitYear'], values: [{ measure: 'households' }, { measure: 'persons' }, { measure: 'perCapitaIncome' }], totals: true },
    });
    const f = result.meta.incomeFilter;
    expect(f?.source).toBe('latest');
    const removed = (f?.households ?? 0) - (f?.keptHouseholds ?? 0);
    // The demo county has households without a row of the latest income year (exited, removed…)
    expect(removed).toBeGreaterThan(0);
    expect(await chip.innerText()).toBe(`收入年度 ${f?.year}（最新）：去掉当年无收入记录的 ${zh(removed)} 户`);
    expect(await chip.getAttribute('title')).toContain(`${zh(f?.households ?? 0)} 户中没有 ${f?.year} 年收入记录的`);
    // The 合计 row is the kept population, the chip's arithmetic
    const grand = result.totals.find((l) => l[0] === null);
    expect(grand?.[1]).toBe(f?.keptHouseholds);
    await app.screenshot('consistency-pivot-income-chip');

    // The year chosen in the toolbar: the chip follows it
    const firstYear = await page.getByTestId('year-select').locator('option').nth(1).getAttribute('value');
    await page.getByTestId('year-select').selectOption(firstYear ?? '');
    await expect.poll(() => chip.innerText()).toContain(`收入年度 ${firstYear}：`);

    await page.getByTestId('chip-values-perCapitaIncome').locator('.pivot-chip-remove').click();
    await expect.poll(() => page.getByTestId('chip-income-year').count()).toBe(0);
    expect(await page.getByTestId('year-select').count()).toBe(0);
  }, 60_000);

  it('exports the households behind a cell, every one, with labels said once', async () => {
    const { page } = app;
    const cell = page.locator('.pivot-grid .ag-row[row-index="0"] .ag-cell[col-id$="|households"]').first();
    await cell.dblclick();
    const dialog = page.getByTestId('drill-dialog');
    await dialog.waitFor();
    await expect.poll(() => page.getByTestId('drill-total').innerText()).toMatch(/共 [\d,]+ 户/);
    const total = Number((await page.getByTestId('drill-total').innerText()).match(/共 ([\d,]+) 户/)?.[1]?.replace(/,/g, ''));
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 20_000 }),
      dialog.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^明细-\d{8}-\d{6}\.xlsx$/);
    await expect.poll(() => page.getByTestId('drill-export-note').innerText()).toBe(`已导出 ${zh(total)} 户（${download.suggestedFilename()}，已下载）`);
    const path = join(tmpdir(), `tuopin-e2e-${process.pid}-${download.suggestedFilename()}`);
    await download.saveAs(path);
    const dump = execFileSync('/usr/bin/python3', ['-c', [
      'import json, sys, openpyxl',
      'ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]',
      'print(json.dumps([list(r) for r in ws.iter_rows(values_only=True)], ensure_ascii=False, default=str))',
    ].join('\n'), path], { encoding: 'utf8' });
    const sheet = JSON.parse(dump) as (string | number | null)[][];
    const header = sheet.findIndex((r) => r[0] === '户编号');
    expect(header).toBeGreaterThan(0);
    expect(sheet.length - header - 1).toBe(total);
    expect(String(sheet[0]?.[0])).toMatch(/^明细：/);
    expect(sheet[header]).toContain('户主证件号（脱敏）');
    // Masked IDs only
    for (const row of sheet.slice(header + 1)) expect(String(row[1] ?? '')).not.toMatch(/\d{17}[\dX]/);
    await app.screenshot('consistency-pivot-drill-export');
    await dialog.getByRole('button', { name: '关闭' }).click();
    expect(app.pageErrors).toEqual([]);
  }, 60_000);
});
