import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotCell, PivotResult, PivotSpecInput } from '../../shared/api/pivot';
import { runCli } from '../../electron/cli/main';
import { runPivot } from '../../electron/core/pivot/runPivot';
import { type RunningApp, startApp } from './harness';

/** What the grid shows: zh-CN integers with separators, shares as per cent with one decimal. */
const zh = (value: number): string => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 }).format(value);
const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;

/** The grid as copied for Excel: the header line that starts with the first row field, then the rows. */
async function copiedTable(page: Page, firstHeader: string): Promise<{
  groups: string[]; header: string[]; lines: string[][];
}> {
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.getByRole('button', { name: '复制', exact: true }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).not.toBe('');
  const all = (await page.evaluate(() => navigator.clipboard.readText())).trim().split('\n').map((l) => l.split('\t'));
  const at = all.findIndex((l) => l[0] === firstHeader);
  expect(at, 'header line').toBeGreaterThanOrEqual(0);
  // A column group's name heads its first column only (and the row fields have no cell in that
  // line): carry each name over the columns it spans.
  const header = all[at] ?? [];
  const groupLine = at > 0 ? (all[at - 1] ?? []) : [];
  let group = '';
  const groups = [...Array<string>(Math.max(0, header.length - groupLine.length)).fill(''), ...groupLine].map((g) => (group = g || group));
  return { groups, header, lines: all.slice(at + 1) };
}

/** `tuopin pivot --spec F --json` in this process, on the app's database. */
async function cliPivot(app: RunningApp, spec: PivotSpecInput): Promise<PivotResult> {
  const file = join(mkdtempSync(join(tmpdir(), 'tuopin-spec-')), 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  let out = '';
  let err = '';
  const code = await runCli(['pivot', '--db', app.databasePath, '--spec', file, '--json'], { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; } });
  expect(code, err).toBe(0);
  return JSON.parse(out) as PivotResult;
}

const num = (cell: PivotCell | undefined): number => (typeof cell === 'number' ? cell : Number.NaN);

/** A shown figure back to a number (— is a blank). */
function parseShown(text: string | undefined): number | null {
  if (text === undefined || text === '—' || text === '') return null;
  return Number(text.replace(/,/g, '').replace('%', ''));
}

describe('透视分析: shares, order, top N and the spinner on the demo county', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ demo: true });
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
    await app.open('pivot');
    await app.page.getByTestId('pivot-grid').waitFor();
  }, 120_000);
  afterAll(async () => app?.close());

  it('shows a value as a share of the row total, named so in its header, with the engine’s figures', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '把脱贫年度加到列' }).click();
    await page.getByTestId('chip-columns-exitYear').waitFor();
    const picker = page.getByRole('combobox', { name: '人数的显示方式' });
    // The base names are the catalogue's.
    expect(await picker.locator('option').allTextContents()).toEqual(['原值', '占总计的比例', '占行合计的比例', '占列合计的比例']);
    await picker.focus();
    await picker.selectOption('row');
    await page.getByTestId('chip-values-personsRowShare').waitFor();
    await expect.poll(() => page.locator('.pivot-grid .ag-header-cell-text').allTextContents()).toContain('人数（占行合计%）');
    await app.screenshot('pivot-row-share');

    const core = runPivot(app.db, { spec: { rows: ['township'], columns: ['exitYear'], values: [{ measure: 'households' }, { measure: 'persons', share: 'row' }], totals: true } });
    const t = core.fields.indexOf('township');
    const y = core.fields.indexOf('exitYear');
    const v = core.fields.indexOf('personsRowShare');
    expect(v).toBeGreaterThan(0);
    const { groups, header, lines } = await copiedTable(page, '乡镇');
    const column = (year: string, value: string): number => header.findIndex(
      (h, i) => h === value && groups[i] === year,
    );
    let checked = 0;
    for (const line of core.rows) {
      const row = lines.find((l) => l[0] === line[t]);
      expect(row, String(line[t])).toBeDefined();
      const at = column(String(line[y]), '人数（占行合计%）');
      expect(at, String(line[y])).toBeGreaterThan(0);
      expect(row?.[at], `${String(line[t])} ${String(line[y])}`).toBe(pct(num(line[v])));
      checked += 1;
    }
    expect(checked).toBeGreaterThan(10);
    // A row's shares of its own total: the 合计 column is 100% on every township.
    const totalAt = column('合计', '人数（占行合计%）');
    const rowTotals = lines.filter((l) => l[0] !== '合计').map((l) => l[totalAt]);
    expect(rowTotals.length).toBeGreaterThan(3);
    expect(new Set(rowTotals)).toEqual(new Set(['100.0%']));

    // The chart of a share reads in per cent, its series named as the header is.
    await page.getByTestId('toggle-chart').click();
    await page.getByRole('combobox', { name: '图表的值' }).selectOption({ label: '人数（占行合计%）' });
    await page.getByRole('button', { name: '堆积柱状图' }).click();
    await page.getByTestId('pivot-chart').locator('canvas').waitFor();
    // ECharts animates a change of kind: let it settle before the picture.
    await page.waitForTimeout(1500);
    await app.screenshot('pivot-row-share-chart');
    await page.getByTestId('toggle-chart').click();
    await page.getByTestId('pivot-grid').waitFor();

    // The same measure can show twice: as itself again, next to its share.
    await page.getByRole('button', { name: '把人数加到值' }).click();
    await page.getByTestId('chip-values-persons').waitFor();
    // Two values of one measure with the same base are refused with a reason.
    await page.getByRole('combobox', { name: '人数的显示方式' }).first().selectOption('');
    expect(await page.getByTestId('pivot-message').textContent()).toContain('值区已有');
    await page.getByTestId('chip-values-persons').locator('.pivot-chip-remove').click();
    await page.getByTestId('chip-columns-exitYear').locator('.pivot-chip-remove').click();
    await page.getByRole('combobox', { name: '人数的显示方式' }).selectOption('');
    await page.getByTestId('chip-values-persons').waitFor();
    expect(app.pageErrors).toEqual([]);
  }, 90_000);

  it('orders the rows by a value from its header: groups by their subtotal, subtotals under their group, 合计 at the bottom', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '把行政村加到行' }).click();
    await page.getByTestId('chip-rows-village').waitFor();
    await expect.poll(() => page.locator('.pivot-grid .pivot-subtotal').count()).toBeGreaterThan(0);
    await page.locator('.pivot-grid .ag-header-cell[col-id="__total__|households"]').click();
    await expect.poll(() => page.locator('.pivot-grid .ag-header-cell[col-id="__total__|households"]').getAttribute('aria-sort')).toBe('descending');
    // The header's order is one the engine knows: it went into the spec (and so into exports).
    await expect.poll(() => page.getByTestId('sort-select').inputValue()).toBe('desc:__total__|households');
    await expect.poll(() => page.getByTestId('pivot-spinner').count()).toBe(0);

    const core = runPivot(app.db, { spec: { rows: ['township', 'village'], values: [{ measure: 'households' }, { measure: 'persons' }], totals: true, sort: [{ field: 'households', direction: 'desc' }] } });
    const h = core.fields.indexOf('households');
    // The engine's order, subtotals placed after their group, is what the grid shows.
    const expected: string[] = [];
    core.rows.forEach((line, i) => {
      expected.push(`${String(line[0])}/${String(line[1])}`);
      if (core.rows[i + 1]?.[0] !== line[0]) expected.push(`${String(line[0])}/小计`);
    });
    const { lines } = await copiedTable(page, '乡镇');
    const detailAndSub = lines.filter((l) => l[0] !== '合计');
    // Subtotal lines show their township only in the first column of their own group.
    let township = '';
    const got = detailAndSub.map((l) => {
      if (l[0]) township = l[0];
      return `${township}/${l[1] ?? ''}`;
    });
    expect(got).toEqual(expected);
    const subtotals = detailAndSub.filter((l) => l[1] === '小计').map((l) => parseShown(l[2]) ?? -1);
    expect(subtotals.length).toBeGreaterThan(3);
    expect([...subtotals].sort((a, b) => b - a)).toEqual(subtotals);
    expect(lines.at(-1)?.[0]).toBe('合计');
    expect(lines.at(-1)?.[2]).toBe(zh(num(core.totals.find((l) => l[0] === null && l[1] === null)?.[h])));
    await app.screenshot('pivot-sorted-subtotals');

    // A row field's header turns that field's natural order round (the engine's order, not the
    // characters'), the villages within each township staying in theirs.
    const townshipHeader = page.locator('.pivot-grid .ag-header-cell[col-id="row:township"]');
    await townshipHeader.click();
    await expect.poll(() => townshipHeader.getAttribute('aria-sort')).toBe('ascending');
    await townshipHeader.click();
    await expect.poll(() => townshipHeader.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => page.getByTestId('sort-select').inputValue()).toBe('desc:row:township');
    const byTownship = runPivot(app.db, { spec: { rows: ['township', 'village'], values: [{ measure: 'households' }], totals: true, sort: [{ field: 'township', direction: 'desc' }] } });
    const expectedByTownship: string[] = [];
    byTownship.rows.forEach((line, i) => {
      expectedByTownship.push(`${String(line[0])}/${String(line[1])}`);
      if (byTownship.rows[i + 1]?.[0] !== line[0]) expectedByTownship.push(`${String(line[0])}/小计`);
    });
    const copied = await copiedTable(page, '乡镇');
    expect(copied.lines.filter((l) => l[0] !== '合计').map((l) => `${l[0] ?? ''}/${l[1] ?? ''}`)).toEqual(expectedByTownship);
    await page.locator('.pivot-grid .ag-header-cell[col-id="__total__|households"]').click();
    await expect.poll(() => page.getByTestId('sort-select').inputValue()).toBe('desc:__total__|households');
  }, 90_000);

  it('orders by one column key in the grid alone, keeping every group whole', async () => {
    const { page } = app;
    await page.getByRole('button', { name: '把贫困户属性加到列' }).click();
    await page.getByTestId('chip-columns-householdAttribute').waitFor();
    const headers = page.locator('.pivot-grid .ag-header-cell[col-id$="|persons"]:not([col-id^="__total__"])');
    await headers.first().waitFor();
    const colId = (await headers.first().getAttribute('col-id')) ?? '';
    const attribute = colId.split('|')[0] ?? '';
    await headers.first().click();
    await expect.poll(() => headers.first().getAttribute('aria-sort')).toBe('descending');
    // Not an order the engine has: the list says it came from a header, the spec keeps no sort.
    await expect.poll(() => page.locator('[data-testid="sort-select"] option:checked').textContent()).toBe('表头所选列 降序');

    const { lines } = await copiedTable(page, '乡镇');
    // Copied headers are 乡镇 行政村 then per attribute 户数 人数: find the column of this attribute's 人数.
    const core = runPivot(app.db, { spec: { rows: ['township', 'village'], columns: ['householdAttribute'], values: [{ measure: 'households' }, { measure: 'persons' }], totals: true } });
    const p = core.fields.indexOf('persons');
    const attributes = [...new Set(core.rows.map((l) => String(l[2])))];
    const ordered = [...attributes].sort(
      (a, b) => core.rows.findIndex((l) => l[2] === a) - core.rows.findIndex((l) => l[2] === b),
    );
    expect(ordered).toContain(attribute);
    // Each column key has two values (户数, 人数) in the engine's column order.
    const columnIndex = 2 + ordered.indexOf(attribute) * 2 + 1;
    const body = lines.filter((l) => l[0] !== '合计');
    let township = '';
    const groups: { township: string; members: (number | null)[]; subtotal: number | null }[] = [];
    for (const l of body) {
      if (l[0]) township = l[0];
      const value = parseShown(l[columnIndex]);
      if (l[1] === '小计') {
        const open = groups.at(-1);
        expect(open?.township, 'a subtotal closes the group above it').toBe(township);
        if (open) open.subtotal = value;
      } else {
        const open = groups.at(-1);
        if (!open || open.subtotal !== null || open.township !== township)
          groups.push({ township, members: [value], subtotal: null });
        else open.members.push(value);
      }
    }
    // Every township shows once, as one block closed by its subtotal.
    expect(new Set(groups.map((g) => g.township)).size).toBe(groups.length);
    expect(groups.length).toBe(new Set(core.rows.map((l) => l[0])).size);
    const desc = (xs: (number | null)[]): boolean =>
      xs.every((x, i) => i === 0 || (x === null ? true : (xs[i - 1] ?? null) !== null && (xs[i - 1] as number) >= x));
    expect(desc(groups.map((g) => g.subtotal))).toBe(true);
    for (const g of groups) expect(desc(g.members), g.township).toBe(true);
    // The subtotals are the engine's for that column key.
    for (const g of groups) {
      const line = core.totals.find((l) => l[0] === g.township && l[1] === null && l[2] === attribute);
      expect(g.subtotal, g.township).toBe(line ? num(line[p]) : null);
    }
    await page.getByTestId('chip-columns-householdAttribute').locator('.pivot-chip-remove').click();
    await page.getByTestId('sort-select').selectOption('');
    expect(app.pageErrors).toEqual([]);
  }, 90_000);

  it('keeps the top N townships by a value, done by the engine as the CLI’s long form says', async () => {
    const { page } = app;
    await page.getByTestId('chip-rows-village').locator('.pivot-chip-remove').click();
    await page.getByLabel('前 N 项的项数（空为全部）').fill('3');
    await page.getByLabel('前 N 项的排名依据').selectOption({ label: '按人数（人）' });
    await expect.poll(() => page.getByTestId('pivot-meta').textContent()).toMatch(/^3 行/);
    // The kept townships are listed by their rank: the order follows the ranking.
    await expect.poll(() => page.getByTestId('sort-select').inputValue()).toBe('desc:__total__|persons');
    const cli = await cliPivot(app, { rows: ['township'], values: [{ measure: 'households' }, { measure: 'persons' }], totals: true, sort: [{ field: 'persons', direction: 'desc' }], topN: { n: 3, by: 'persons' } });
    expect(cli.rows.length).toBe(3);
    const ranked = cli.rows.map((l) => num(l[2]));
    expect([...ranked].sort((a, b) => b - a)).toEqual(ranked);
    const { lines } = await copiedTable(page, '乡镇');
    expect(lines.map((l) => l[0])).toEqual([...cli.rows.map((l) => String(l[0])), '合计']);
    for (const line of cli.rows) expect(lines.find((l) => l[0] === line[0])?.[2]).toBe(zh(num(line[2])));
    // The 合计 still counts every township (the 口径 says so): the county's persons.
    const all = runPivot(app.db, { spec: { rows: ['township'], values: [{ measure: 'persons' }], totals: true } });
    expect(lines.at(-1)?.[2]).toBe(zh(num(all.totals.find((l) => l[0] === null)?.[1])));
    expect(Math.min(...cli.rows.map((l) => num(l[2])))).toBeGreaterThanOrEqual(
      Math.max(...all.rows.map((l) => num(l[1])).sort((a, b) => b - a).slice(3)),
    );
    await app.screenshot('pivot-top3');
    // The chart follows the pivot: three townships.
    await page.getByTestId('toggle-chart').click();
    await page.getByTestId('pivot-chart').locator('canvas').waitFor();
    // ECharts animates a change of kind: let it settle before the picture.
    await page.waitForTimeout(1500);
    await app.screenshot('pivot-top3-chart');
    await page.getByTestId('toggle-chart').click();
    await page.getByRole('button', { name: '取消前 N 项' }).click();
    await expect.poll(() => page.getByTestId('pivot-meta').textContent()).toMatch(new RegExp(`^${all.rows.length} 行`));
    await page.getByTestId('sort-select').selectOption('');
    expect(app.pageErrors).toEqual([]);
  }, 90_000);

  it('shows a spinner when the answer takes over 150 ms, and the window stays usable meanwhile', async () => {
    const { page } = app;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/pivot.run', async (route) => {
      await held;
      await route.continue();
    });
    // When the click happened and when the spinner showed, both by the page's own clock.
    await page.evaluate(() => {
      const w = window as unknown as { clickAt?: number; spinnerAt?: number };
      document.addEventListener('click', () => { w.clickAt ??= performance.now(); }, { capture: true });
      new MutationObserver(() => {
        if (w.spinnerAt === undefined && document.querySelector('[data-testid="pivot-spinner"]')) w.spinnerAt = performance.now();
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByRole('button', { name: '把收入年度加到列' }).click();
    await page.getByTestId('pivot-spinner').waitFor();
    const { clickAt, spinnerAt } = await page.evaluate(() => {
      const w = window as unknown as { clickAt?: number; spinnerAt?: number };
      return { clickAt: w.clickAt, spinnerAt: w.spinnerAt };
    });
    expect(clickAt).toBeDefined();
    expect(spinnerAt).toBeDefined();
    const after = (spinnerAt ?? 0) - (clickAt ?? 0);
    expect(after).toBeGreaterThanOrEqual(150);
    expect(after).toBeLessThan(2000);
    expect(await page.getByTestId('pivot-spinner').textContent()).toContain('正在计算');
    // The window answers while the host works: the field search filters the list.
    await page.getByLabel('搜索字段').fill('年龄');
    await expect.poll(() => page.locator('.pivot-field').count()).toBeLessThan(5);
    await page.getByLabel('搜索字段').fill('');
    release();
    await expect.poll(() => page.getByTestId('pivot-spinner').count()).toBe(0);
    await expect.poll(() => page.getByTestId('chip-columns-year').count()).toBe(1);
    await expect.poll(() => page.locator('.pivot-grid .ag-header-group-cell-label').allTextContents()).not.toEqual([]);
    await page.unroute('**/api/pivot.run');
    console.log(`spinner shown ${Math.round(after)} ms after the click (answer held back)`);
    expect(app.pageErrors).toEqual([]);
  }, 90_000);
});
