import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestSnapshotId } from '../../electron/core/db/snapshotRepo';
import { clearFacts, readState } from '../../electron/core/pivot/facts/factsState';
import { runPivot } from '../../electron/core/pivot/runPivot';
import { startPreparationOfNewest } from '../../electron/core/service/derivedJob';
import { type RunningApp, startApp } from './harness';

/**
 * 透视分析 answers while the preparation after an import is still under way: the pivot tables'
 * detail part is made for the pivot at once and read, and the figures are those the finished
 * tables give. The preparation is held in progress the way preparation.test.ts does it: it waits
 * between steps while an import job runs.
 */
describe('a pivot during the preparation', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ demo: true });
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  }, 120_000);
  afterAll(async () => app?.close());

  /** The grid as copied for Excel (tab-separated, what the user sees). */
  async function copiedGrid(): Promise<string[][]> {
    const { page } = app;
    await page.getByTestId('pivot-grid').waitFor();
    await expect.poll(() => page.locator('.pivot-grid .ag-header-cell-text').allTextContents()).toContain('乡镇');
    await page.getByRole('button', { name: '复制', exact: true }).click();
    await expect.poll(() => page.getByTestId('pivot-message').textContent()).toContain('已复制');
    const tsv = await page.evaluate(() => navigator.clipboard.readText());
    return tsv.trim().split('\n').map((l) => l.split('\t'));
  }

  async function reopenPivot(): Promise<void> {
    await app.page.reload();
    await app.page.locator('.app').waitFor({ timeout: 120_000 });
    await app.open('pivot');
  }

  it('answers from the detail rows while the cubes are being made, with the figures of the finished tables', async () => {
    const { db } = app;
    const snapshotId = latestSnapshotId(db) as number;
    // As after an import: no pivot table of the snapshot yet (the first page load may have made them).
    db.transaction(() => clearFacts(db, snapshotId))();
    expect(readState(db, snapshotId)).toBeNull();

    let release: () => void = () => undefined;
    const importJob = app.host.context.jobs.start('import', () => new Promise<void>((resolve) => { release = resolve; }));
    const prepareJob = startPreparationOfNewest(app.host.context) as string;
    expect(prepareJob).not.toBeNull();

    await reopenPivot();
    const during = await copiedGrid();
    // Answered while the preparation still runs: the detail tables are there, the cubes are not.
    expect(app.host.context.jobs.status(prepareJob)?.state).toBe('running');
    const state = readState(db, snapshotId);
    expect(state?.cubesReady).toBe(false);
    await app.page.getByTestId('preparation-status').waitFor();
    expect(await app.page.getByTestId('preparation-status').innerText()).toContain('准备分析数据');
    console.log(`  ${await app.screenshot('pivot-during-preparation')}`);
    expect(during.length).toBeGreaterThan(3);

    release();
    await expect.poll(() => app.host.context.jobs.status(prepareJob)?.state, { timeout: 180_000, interval: 250 }).toBe('done');
    expect(app.host.context.jobs.status(importJob)?.state).toBe('done');
    expect(readState(db, snapshotId)?.cubesReady).toBe(true);

    await reopenPivot();
    const after = await copiedGrid();
    console.log(`  ${await app.screenshot('pivot-after-preparation')}`);
    expect(after).toEqual(during);
    // And both are the engine's answer from the summary tables.
    const core = runPivot(db, { spec: { rows: ['township'], values: [{ measure: 'households' }, { measure: 'persons' }], totals: true } });
    expect(core.meta.source).toMatch(/^汇总表/);
    const zh = (v: number): string => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 }).format(v);
    const households = core.fields.indexOf('households');
    let checked = 0;
    for (const line of core.rows) {
      const shown = after.find((l) => l[0] === String(line[0]));
      expect(shown, String(line[0])).toBeDefined();
      expect(shown).toContain(zh(Number(line[households])));
      checked += 1;
    }
    expect(checked).toBeGreaterThan(3);
    expect(app.pageErrors).toEqual([]);
  }, 300_000);
});
