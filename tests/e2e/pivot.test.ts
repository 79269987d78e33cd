import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotCell, PivotResult } from '../../shared/api/pivot';
import { dimensionValues } from '../../electron/core/pivot/dimensionValues';
import { runPivot } from '../../electron/core/pivot/runPivot';
import { type RunningApp, startApp } from './harness';

/** The engine's long form as township → exitYear label → value, the way the grid lays it out wide. */
function byRowAndColumn(result: PivotResult, measure: string): Map<string, Map<string, number>> {
  const t = result.fields.indexOf('township');
  const y = result.fields.indexOf('exitYear');
  const v = result.fields.indexOf(measure);
  const out = new Map<string, Map<string, number>>();
  for (const line of result.rows) {
    const row = String(line[t]);
    const cell: PivotCell = line[v] ?? null;
    if (typeof cell !== 'number') continue;
    const inner = out.get(row) ?? new Map<string, number>();
    inner.set(String(line[y]), cell);
    out.set(row, inner);
  }
  return out;
}

/** What the grid shows (and copies): zh-CN integers with thousands separators. */
const zh = (value: number): string => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 }).format(value);

function runDimensionValues(app: RunningApp, field: string): { label: string; count: number }[] {
  return dimensionValues(app.db, { field }).values;
}

describe('透视分析 on the demo county', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ demo: true });
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  }, 120_000);
  afterAll(async () => app?.close());

  it('builds a pivot by drag and drop whose figures are the engine’s', async () => {
    const { page } = app;
    await app.open('pivot');
    await page.getByTestId('pivot-fields').waitFor();
    await page.getByTestId('pivot-grid').waitFor();
    await app.screenshot('pivot-default');
    // Start from empty zones: remove the starting fields.
    for (const chip of ['chip-rows-township', 'chip-values-households', 'chip-values-persons']) {
      await page.getByTestId(chip).locator('.pivot-chip-remove').click();
    }
    expect(await page.locator('.pivot-zone .pivot-chip').count()).toBe(0);

    const field = (key: string) => page.locator(`.pivot-field[data-field="${key}"]`);
    await field('township').dragTo(page.getByTestId('zone-rows'));
    await field('persons').dragTo(page.getByTestId('zone-values'));
    await field('exitYear').dragTo(page.getByTestId('zone-columns'));
    await page.getByTestId('chip-rows-township').waitFor();
    await page.getByTestId('chip-values-persons').waitFor();
    await page.getByTestId('chip-columns-exitYear').waitFor();
    // A measure dropped on 行 is refused with a reason.
    await field('households').dragTo(page.getByTestId('zone-rows'));
    expect(await page.getByTestId('pivot-message').textContent()).toContain('只接受维度');

    await expect.poll(() => page.locator('.pivot-grid .ag-header-cell-text').allTextContents()).toContain('乡镇');
    await app.screenshot('pivot-township-by-exit-year');

    const core = runPivot(app.db, { spec: { rows: ['township'], columns: ['exitYear'], values: [{ measure: 'persons' }], totals: true } });
    const expected = byRowAndColumn(core, 'persons');
    expect(expected.size).toBeGreaterThan(3);

    // Every cell of the grid, as copied for Excel, against the engine's long form.
    await page.getByRole('button', { name: '复制', exact: true }).click();
    await expect.poll(() => page.getByTestId('pivot-message').textContent()).toContain('已复制');
    const tsv = await page.evaluate(() => navigator.clipboard.readText());
    const lines = tsv.trim().split('\n').map((l) => l.split('\t'));
    const header = lines[0] ?? [];
    expect(header[0]).toBe('乡镇');
    let checked = 0;
    for (const [township, cells] of expected) {
      const line = lines.find((l) => l[0] === township);
      expect(line, township).toBeDefined();
      for (const [year, value] of cells) {
        const col = header.indexOf(year);
        expect(col, `${township} ${year}`).toBeGreaterThan(0);
        expect(line?.[col]).toBe(zh(value));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(10);
    // The grand total row, styled apart, carries the engine's county total.
    const grand = core.totals.find((l) => l.every((c, i) => i >= 2 || c === null));
    const totalLine = lines.find((l) => l[0] === '合计');
    expect(totalLine?.[header.indexOf('合计')]).toBe(zh(Number(grand?.[2])));
    expect(await page.locator('.pivot-grid .pivot-total').count()).toBeGreaterThan(0);
    // Persons shown as integers with separators, in the grand-total row pinned under the data.
    const bottomCells = page.locator('.pivot-grid .pivot-total .ag-cell[col-id$="|persons"]');
    const shown: string[] = [];
    for (let i = 0; i < (await bottomCells.count()); i += 1) {
      const year = ((await bottomCells.nth(i).getAttribute('col-id')) ?? '').split('|')[0];
      const yearTotal = year === '__total__' ? grand : core.totals.find((l) => l[0] === null && String(l[1]) === year);
      const text = (await bottomCells.nth(i).textContent()) ?? '';
      expect(text, year).toBe(zh(Number(yearTotal?.[2])));
      shown.push(text);
    }
    expect(shown.length).toBeGreaterThan(2);
    expect(shown.some((t) => t.includes(','))).toBe(true);
  }, 120_000);

  it('drills through a cell to the households behind it', async () => {
    const { page } = app;
    const core = runPivot(app.db, { spec: { rows: ['township'], columns: ['exitYear'], values: [{ measure: 'households' }], totals: true } });
    const firstRow = page.locator('.pivot-grid .ag-row[row-index="0"]');
    const township = (await page.locator('.pivot-grid .ag-row[row-index="0"] [col-id="row:township"]').first().textContent()) ?? '';
    const cell = firstRow.locator('.ag-cell[col-id$="|households"], .ag-cell[col-id$="|persons"]').first();
    const colId = (await cell.getAttribute('col-id')) ?? '';
    const year = colId.split('|')[0] ?? '';
    await cell.dblclick();
    await page.getByTestId('drill-dialog').waitFor();
    await expect.poll(() => page.getByTestId('drill-total').textContent()).toMatch(/共 [\d,]+ 户/);
    const t = core.fields.indexOf('township');
    const y = core.fields.indexOf('exitYear');
    const line = core.rows.find((l) => String(l[t]) === township && String(l[y]) === year);
    const households = Number(line?.[core.fields.indexOf('households')]);
    expect(households).toBeGreaterThan(0);
    expect(await page.getByTestId('drill-total').textContent()).toContain(`共 ${new Intl.NumberFormat('zh-CN').format(households)} 户`);
    const rows = page.locator('.pivot-drill-table tbody tr');
    expect(await rows.count()).toBe(Math.min(households, 500));
    // IDs are masked; every household is of the township clicked.
    const firstId = (await rows.first().locator('td').nth(1).textContent()) ?? '';
    expect(firstId).toMatch(/\*/);
    expect(await rows.first().locator('td').nth(2).textContent()).toBe(township);
    await app.screenshot('pivot-drill');
    await page.getByRole('button', { name: '关闭' }).click();
    expect(await page.getByTestId('drill-dialog').count()).toBe(0);
  }, 60_000);

  it('shows the pivot as a chart and exports an .xlsx a real reader opens', async () => {
    const { page } = app;
    await page.getByTestId('toggle-chart').click();
    await page.getByTestId('pivot-chart').locator('canvas').waitFor();
    await app.screenshot('pivot-chart');
    await page.getByTestId('toggle-chart').click();
    await page.getByTestId('pivot-grid').waitFor();

    // Written in the host's work folder and downloaded: the page names no path (issue 17).
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByRole('button', { name: '导出 Excel' }).click()]);
    await expect.poll(() => page.getByTestId('pivot-message').textContent(), { timeout: 20_000 }).toContain('已导出');
    expect(xlsxDownload.suggestedFilename()).toMatch(/^透视分析-\d{8}-\d{6}\.xlsx$/);
    // Saved under its own name: openpyxl goes by the extension.
    const path = join(tmpdir(), `tuopin-e2e-${process.pid}-${xlsxDownload.suggestedFilename()}`);
    await xlsxDownload.saveAs(path);
    expect(existsSync(path)).toBe(true);
    const dump = execFileSync('/usr/bin/python3', ['-c', [
      'import json, sys, openpyxl',
      'wb = openpyxl.load_workbook(sys.argv[1])',
      'ws = wb.worksheets[0]',
      'print(json.dumps([[c for c in r] for r in ws.iter_rows(values_only=True)], ensure_ascii=False, default=str))',
    ].join('\n'), path], { encoding: 'utf8' });
    const sheet = JSON.parse(dump) as (string | number | null)[][];
    const core = runPivot(app.db, { spec: { rows: ['township'], columns: ['exitYear'], values: [{ measure: 'persons' }], totals: true } });
    const expected = byRowAndColumn(core, 'persons');
    const flat = sheet.flat();
    for (const township of expected.keys()) expect(flat).toContain(township);
    const [firstTownship, cells] = [...expected.entries()][0] ?? ['', new Map<string, number>()];
    const row = sheet.find((r) => r.includes(firstTownship)) ?? [];
    for (const value of cells.values()) expect(row).toContain(value);
  }, 60_000);

  it('saves, renames, reopens and deletes an analysis; opens a built-in one', async () => {
    const { page } = app;
    const select = page.getByLabel('分析方案');
    const builtins = await select.locator('option').allTextContents();
    expect(builtins.some((t) => t.startsWith('［内置］'))).toBe(true);
    await page.getByLabel('方案名称').fill('乡镇×脱贫年度 人口（测试）');
    await page.getByRole('button', { name: '另存为' }).click();
    await expect.poll(() => select.locator('option').allTextContents()).toContain('乡镇×脱贫年度 人口（测试）');
    await page.getByLabel('方案名称').fill('改名后的方案');
    await page.getByRole('button', { name: '重命名' }).click();
    await expect.poll(() => select.locator('option').allTextContents()).toContain('改名后的方案');
    const builtinLabel = builtins.find((t) => t.startsWith('［内置］')) ?? '';
    await select.selectOption({ label: builtinLabel });
    await page.getByTestId('pivot-grid').waitFor();
    await select.selectOption({ label: '改名后的方案' });
    await expect.poll(() => page.getByTestId('chip-columns-exitYear').count()).toBe(1);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '删除' }).click();
    await expect.poll(() => select.locator('option').allTextContents()).not.toContain('改名后的方案');
    await app.screenshot('pivot-analyses');
    expect(app.pageErrors).toEqual([]);
  }, 60_000);

  it('adds fields from the keyboard, filters with a value picker that shows counts, and shows subtotals', async () => {
    const { page } = app;
    await page.getByTestId('chip-columns-exitYear').locator('.pivot-chip-remove').click();
    await page.getByRole('button', { name: '把行政村加到行' }).click();
    await page.getByRole('button', { name: '按乡镇筛选' }).click();
    const picker = page.getByTestId('filter-township').locator('.pivot-picker');
    await picker.locator('label').first().waitFor();
    const firstLabel = picker.locator('label').first();
    const township = (await firstLabel.locator('span').first().textContent()) ?? '';
    const values = runDimensionValues(app, 'township');
    const expectedCount = values.find((v) => v.label === township)?.count ?? -1;
    expect(await firstLabel.locator('.pivot-picker-count').textContent()).toBe(`${zh(expectedCount)} 户`);
    await firstLabel.locator('input').check();
    await picker.getByRole('button', { name: '完成' }).click();
    await expect.poll(() => page.locator('.pivot-grid .pivot-subtotal').count()).toBeGreaterThan(0);
    await app.screenshot('pivot-filter-subtotals');

    const core = runPivot(app.db, { spec: { rows: ['township', 'village'], values: [{ measure: 'persons' }], filters: [{ field: 'township', op: 'in', values: [township] }], totals: true } });
    const v = core.fields.indexOf('persons');
    const subtotal = core.totals.find((l) => l[0] === township && l[1] === null);
    const grand = core.totals.find((l) => l[0] === null && l[1] === null);
    await page.getByRole('button', { name: '复制', exact: true }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('小计');
    const lines = (await page.evaluate(() => navigator.clipboard.readText())).trim().split('\n').map((l) => l.split('\t'));
    expect(lines.filter((l) => l[0] !== '乡镇' && l[0] !== '合计' && l[1] !== '小计').length).toBe(core.rows.length);
    for (const row of core.rows) {
      const line = lines.find((l) => l[0] === row[0] && l[1] === row[1]);
      expect(line?.[2], String(row[1])).toBe(zh(Number(row[v])));
    }
    expect(lines.find((l) => l[1] === '小计')?.[2]).toBe(zh(Number(subtotal?.[v])));
    expect(lines.find((l) => l[0] === '合计')?.[2]).toBe(zh(Number(grand?.[v])));
    // The same pivot as .csv: UTF-8 with a BOM so Excel reads the Chinese, the subtotal figure in it.
    const [csvDownload] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByRole('button', { name: '导出 CSV' }).click()]);
    await expect.poll(() => page.getByTestId('pivot-message').textContent(), { timeout: 20_000 }).toContain('已导出');
    const csvPath = await csvDownload.path();
    const bytes = readFileSync(csvPath);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv).toContain(township);
    expect(csv).toContain(String(subtotal?.[v]));
    expect(app.pageErrors).toEqual([]);
  }, 60_000);
});
