import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSnapshots } from '../../electron/core/db/snapshotRepo';
import { demoCounty } from '../../electron/core/demo/demoCounty';
import { demoRowSource } from '../../electron/core/demo/demoRowSource';
import { THREAD_MIN_BYTES } from '../../electron/core/import/write/chooseWriter';
import { writeTemplateWorkbook } from '../../electron/core/template/writeTemplateWorkbook';
import { type RunningApp, startApp } from './harness';

/** A county whose workbook is large enough to be written on the import's write thread. */
const COUNTY = { households: 16_000, seed: 5 };

describe('数据管理 importing a large workbook', () => {
  let app: RunningApp;
  let scratch: string;
  let workbook: string;
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'tuopin-e2e-large-import-'));
    workbook = join(scratch, '大县.xlsx');
    await writeTemplateWorkbook(demoRowSource(demoCounty(COUNTY)), workbook);
    app = await startApp();
    await app.open('data');
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('writes it on the write thread while reading, with the bar through the sheets, and lists it when done', async () => {
    expect(statSync(workbook).size).toBeGreaterThanOrEqual(THREAD_MIN_BYTES);
    const { page } = app;
    const stages: string[] = [];
    let writtenBy: unknown = null;
    page.on('response', (response) => {
      if (response.url().endsWith('/jobs.status')) {
        void response.json().then((body: { data?: { stage?: string; result?: { writtenBy?: unknown } | null } }) => {
          if (body.data?.stage) stages.push(body.data.stage);
          if (body.data?.result) writtenBy = body.data.result.writtenBy;
        }, () => undefined);
      }
    });
    await page.getByTestId('file-picker').locator('input[type="file"]').setInputFiles(workbook);
    const status = page.getByTestId('import-status');
    // Mid-way: the bar reads a sheet while the thread writes behind it.
    await status.locator('.job-progress.running').waitFor({ timeout: 60_000 });
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toContain('读取「');
    console.log(`  ${await app.screenshot('data-import-large-running')}`);
    await status.locator('.job-progress:not(.running)').waitFor({ timeout: 240_000 });
    expect(await page.locator('.job-progress').getAttribute('class')).toContain('done');
    console.log(`  ${await app.screenshot('data-import-large-done')}`);

    // The job says who wrote the rows (the bar's short last stages may fall between two polls).
    await expect.poll(() => writtenBy).toBe('thread');
    expect(stages.some((s) => s.startsWith('读取'))).toBe(true);
    const stored = listSnapshots(app.db);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.households).toBe(COUNTY.households);
    const summary = await page.getByTestId('import-summary').textContent();
    expect(summary).toContain(`${COUNTY.households.toLocaleString('zh-CN')} 户`);
  }, 300_000);
});
