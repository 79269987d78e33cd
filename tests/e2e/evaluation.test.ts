import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNALS, type CompareResult, type SignalsResult } from '../../shared/api/evaluation';
import { type RunningApp, SCREENSHOT_DIR, startApp } from './harness';

/**
 * 跨期对比 and 收入测算核查 on the demo county (its two exports, as `npm start` writes them) in
 * Chromium: the figures on screen are those of `tuopin compare --json` and `tuopin signals --json`
 * on the same file, a figure opens its households and a household its history, and both views
 * export an .xlsx with the 口径 and no ID number in clear.
 */
const ROOT = resolve(__dirname, '..', '..');
/** An ID number in clear: 17 digits and a check character, not part of a longer number or a decimal. */
const ID_IN_CLEAR = /(^|[^\d.])\d{17}[\dX]($|[^\d])/m;

function cli<T>(args: readonly string[]): T {
  return JSON.parse(execFileSync(process.execPath, [join(ROOT, 'bin', 'tuopin.js'), ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })) as T;
}

async function waitForView(page: Page, key: string): Promise<void> {
  await page.locator(`[data-testid="${key}-view"]`).waitFor({ timeout: 60_000 });
  await expect.poll(() => page.locator('main.content .loading').count(), { timeout: 120_000 }).toBe(0);
  await page.waitForTimeout(1200);
}

async function numberOf(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).first().getAttribute('data-value'));
}

async function saved(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = (await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), click()])) as [Download, void];
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

/** Every cell's text of every sheet, and the sheet names. */
async function workbookText(bytes: Buffer): Promise<{ sheets: string[]; text: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const parts: string[] = [];
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => parts.push(String(cell.value ?? '')))));
  return { sheets: wb.worksheets.map((s) => s.name), text: parts.join('\n') };
}

describe('考核评估 views on the demo county', () => {
  let app: RunningApp;
  let compare: CompareResult;
  let signals: SignalsResult;

  beforeAll(async () => {
    app = await startApp({ demo: true });
    const ids = (app.db.prepare(`SELECT id FROM snapshot ORDER BY as_of`).all() as { id: number }[]).map((r) => r.id);
    compare = cli<CompareResult>(['compare', '--db', app.databasePath, '--from', String(ids[0]), '--to', String(ids[1]), '--json']);
    signals = cli<SignalsResult>(['signals', '--db', app.databasePath, '--json']);
  }, 240_000);
  afterAll(async () => app?.close());

  it('跨期对比 shows the presence counts and the transition matrix of `tuopin compare --json`', async () => {
    const { page } = app;
    await app.open('compare');
    await waitForView(page, 'compare');
    for (const k of ['both', 'addedExplained', 'addedUnexplained', 'vanishedExplained', 'vanishedUnexplained', 'renumbered'] as const) {
      expect(await numberOf(page, `tile-${k}`), k).toBe(compare.households[k]);
    }
    for (const t of compare.transitions) {
      expect(await numberOf(page, `cell-${t.from}-${t.to}`), `${t.from} → ${t.to}`).toBe(t.households);
    }
    for (const k of ['attribute', 'mainCause', 'size', 'monitoringCategory', 'riskEliminated', 'membersAdded', 'membersGone'] as const) {
      expect(await numberOf(page, `change-${k}`), k).toBe(compare.changes[k]);
    }
    expect(await numberOf(page, 'retro-households')).toBe(compare.retroactive.households);
    expect(await page.locator('[data-testid="koujing"]').count()).toBeGreaterThan(0);
    console.log(`  ${await app.screenshot('evaluation-compare')}`);
    await page.setViewportSize({ width: 1366, height: 2600 });
    await page.waitForTimeout(1500);
    console.log(`  ${await app.screenshot('evaluation-compare-full')}`);
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('opens the households of a matrix cell, and a household\'s two records side by side', async () => {
    const { page } = app;
    const cell = compare.transitions.find((t) => t.from === '返贫' && t.to === '已脱贫（享受政策）');
    expect(cell?.households).toBeGreaterThan(0);
    await page.getByTestId('cell-返贫-已脱贫（享受政策）').click();
    await expect.poll(() => numberOf(page, 'selection-total'), { timeout: 60_000 }).toBe(cell!.households);
    await page.getByTestId('tile-renumbered').click();
    await expect.poll(() => numberOf(page, 'selection-total'), { timeout: 60_000 }).toBe(compare.households.renumbered);
    await page.locator('.ag-row [col-id="codeB"]').first().click();
    const drawer = page.getByTestId('household-record');
    await drawer.waitFor();
    await drawer.getByTestId('record-income').waitFor({ timeout: 30_000 });
    expect(await drawer.getByTestId('record-masked-id').innerText()).toMatch(/\*/);
    expect(await drawer.innerText()).not.toMatch(ID_IN_CLEAR);
    console.log(`  ${await app.screenshot('evaluation-compare-household')}`);
    await drawer.getByRole('button', { name: '关闭' }).click();
  });

  it('exports the comparison to an .xlsx with the 口径 and masked IDs only', async () => {
    const { page } = app;
    const file = await saved(page, () => page.getByTestId('export-compare').click());
    expect(file.name).toMatch(/^跨期对比_快照\d+至\d+\.xlsx$/);
    writeFileSync(join(SCREENSHOT_DIR, 'evaluation-compare.xlsx'), file.bytes);
    const { sheets, text } = await workbookText(file.bytes);
    expect(sheets).toEqual(['概况', '状态转移', '变化明细', '历史收入修改', '历史状态变化修改', '消失与改号', '指标对照']);
    expect(text).toContain('口径：基期 A');
    expect(text).not.toMatch(ID_IN_CLEAR);
  });

  it('drills a standard figure: A and B open its own view on their snapshot, B − A the rewritten history', async () => {
    const { page } = app;
    const ids = (app.db.prepare(`SELECT id FROM snapshot ORDER BY as_of`).all() as { id: number }[]).map((r) => r.id);
    await app.open('compare');
    await waitForView(page, 'compare');
    const row = page.locator('.ag-row', { hasText: '人均纯收入' }).first();
    await row.scrollIntoViewIfNeeded();
    await row.click();
    const year = Number((await row.locator('[col-id="year"]').innerText()).trim());
    expect(year).toBeGreaterThan(2000);
    const drill = page.getByTestId('figure-drill');
    await drill.waitFor();
    expect(await drill.getByTestId('figure-drill-a').getAttribute('href')).toBe(`#/income?snapshot=${ids[0]}&dyear=${year}`);
    expect(await drill.getByTestId('figure-drill-b').getAttribute('href')).toBe(`#/income?snapshot=${ids[1]}&dyear=${year}`);
    await drill.getByTestId('figure-drill-difference').click();
    await expect.poll(() => page.getByTestId('selection-total').innerText(), { timeout: 60_000 }).toContain('历史收入记录被修改');
    expect(await numberOf(page, 'selection-total')).toBeGreaterThan(0);
    await drill.scrollIntoViewIfNeeded();
    console.log(`  ${await app.screenshot('evaluation-compare-figure-drill')}`);
    // A's link: the income view opens on the older export (the views open on the newest by default).
    await drill.getByTestId('figure-drill-a').click();
    await page.getByTestId('income-view').waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => window.location.hash)).toContain(`snapshot=${ids[0]}`);
    await expect.poll(() => page.getByTestId('current-snapshot').innerText(), { timeout: 60_000 }).toContain('2023');
  });

  it('收入测算核查 shows the signals of `tuopin signals --json`, drills a signal, and exports', async () => {
    const { page } = app;
    await app.open('signals');
    await waitForView(page, 'signals');
    expect(await numberOf(page, 'signal-exits')).toBe(signals.exits);
    for (const k of SIGNALS) expect(await numberOf(page, `signal-${k}`), k).toBe(signals.bySignal[k].exits);
    expect(await numberOf(page, 'signal-any')).toBe(signals.anySignal.exits);
    for (const r of signals.byArea.filter((x) => x.township === null)) {
      expect(await numberOf(page, `cell-${r.year}-any`), `${r.year}`).toBe(r.any);
      const b = signals.bunching.find((x) => x.year === r.year && x.township === null);
      if (b) expect(await numberOf(page, `above-${r.year}`)).toBe(b.above);
    }
    expect(signals.bySignal.S5.exits).toBeGreaterThan(0);
    await page.getByTestId('signal-S5').click();
    await expect.poll(() => numberOf(page, 'selection-total'), { timeout: 60_000 }).toBe(signals.bySignal.S5.exits);
    console.log(`  ${await app.screenshot('evaluation-signals')}`);
    await page.locator('.ag-row [col-id="household"]').first().click();
    await page.getByTestId('household-record').getByTestId('record-income').waitFor({ timeout: 30_000 });
    console.log(`  ${await app.screenshot('evaluation-signals-household')}`);
    await page.getByTestId('household-record').getByRole('button', { name: '关闭' }).click();
    await page.setViewportSize({ width: 1366, height: 2400 });
    await page.waitForTimeout(1500);
    console.log(`  ${await app.screenshot('evaluation-signals-full')}`);
    await page.setViewportSize({ width: 1366, height: 768 });

    const file = await saved(page, () => page.getByTestId('export-signals').click());
    writeFileSync(join(SCREENSHOT_DIR, 'evaluation-signals.xlsx'), file.bytes);
    const { sheets, text } = await workbookText(file.bytes);
    expect(sheets).toEqual(['信号汇总', '聚集比', '分布', '触发信号的脱贫']);
    expect(text).toContain('口径：阈值：S1 刚过线');
    expect(text).not.toMatch(ID_IN_CLEAR);
    expect(app.pageErrors).toEqual([]);
  });

  it('refuses to compare with one snapshot only, saying what to do', async () => {
    const { page } = app;
    const ids = (app.db.prepare(`SELECT id FROM snapshot ORDER BY as_of`).all() as { id: number }[]).map((r) => r.id);
    await app.open('compare', `from=${ids[1]}&to=${ids[1]}`);
    await page.getByTestId('compare-view').waitFor();
    await expect.poll(() => page.locator('main.content').innerText(), { timeout: 60_000 }).toContain('不能把快照');
    console.log(`  ${await app.screenshot('evaluation-compare-refused')}`);
  });
});
