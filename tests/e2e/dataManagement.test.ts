import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSnapshotIssues, listSnapshots } from '../../electron/core/db/snapshotRepo';
import { issueRuleLabel } from '../../shared/domain/issueRules';
import { type RunningApp, startApp } from './harness';

const SAMPLE = join(__dirname, '..', 'fixtures', 'tiny-county.xlsx');

describe('数据管理 on an empty database', () => {
  let app: RunningApp;
  let scratch: string;
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'tuopin-e2e-data-'));
    app = await startApp();
    await app.open('data');
  });
  afterAll(async () => {
    await app?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const fileInput = () => app.page.getByTestId('file-picker').locator('input[type="file"]');
  const snapshotRows = () => app.page.locator('[data-testid="snapshot-table"] tbody tr');

  /** Drops a file on the page's input and waits until the import job has ended one way or the other. */
  async function importThroughPage(path: string): Promise<void> {
    const status = app.page.getByTestId('import-status');
    // The previous import's finished bar stays on the page until the new job starts: wait for a new job.
    const previous = (await status.count()) > 0 ? await status.getAttribute('data-job-id') : null;
    await fileInput().setInputFiles(path);
    const fresh = previous === null ? status : app.page.locator(`[data-testid="import-status"]:not([data-job-id="${previous}"])`);
    await fresh.locator('.job-progress:not(.running)').waitFor({ timeout: 60_000 });
  }

  it('says there is nothing yet and offers the import', async () => {
    const { page } = app;
    await page.getByTestId('no-snapshots').waitFor();
    expect(await page.getByTestId('empty-state').count()).toBe(0);
    expect(await page.locator('.view-header h1').textContent()).toBe('数据管理');
    expect(await page.getByTestId('file-picker').textContent()).toContain('.xlsx');
    // The names box says what it does in a statistician's words
    expect(await page.getByLabel('导入户主和成员姓名').isChecked()).toBe(true);
    expect(await page.getByTestId('keep-names-hint').innerText()).toContain('各项统计不受影响');
    console.log(`  ${await app.screenshot('data-empty')}`);
  });

  it('imports the sample workbook with a progress bar, lists 60 户 200 人 and refreshes the shell', async () => {
    const { page } = app;
    // Every status the page polled is recorded, so we can see the bar moved through the stages.
    const stages: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/jobs.status')) {
        void response.json().then(
          (body: { data?: { stage?: string } }) => body.data?.stage && stages.push(body.data.stage), () => undefined,
        );
      }
    });
    await importThroughPage(SAMPLE);
    expect(await page.locator('.job-progress').getAttribute('class')).toContain('done');
    const summary = await page.getByTestId('import-summary').textContent();
    expect(summary).toContain('60 户 200 人');
    expect(stages.length).toBeGreaterThan(0);

    const stored = listSnapshots(app.db);
    expect(stored).toHaveLength(1);
    const snapshot = stored[0]!;
    expect([snapshot.households, snapshot.persons]).toEqual([60, 200]);

    await expect.poll(() => snapshotRows().count()).toBe(1);
    const row = await snapshotRows().first().textContent();
    expect(row).toContain('云岭县');
    expect(row).toContain('60 户');
    expect(row).toContain('200 人');
    expect(row).toContain('tiny-county.xlsx');
    // The shell's own snapshot chooser learnt of it without a reload.
    await expect.poll(() => page.getByTestId('current-snapshot').textContent()).toContain('云岭县');
    console.log(`  ${await app.screenshot('data-imported')}`);
  });

  it('imports the same file again: a second snapshot whose warning names the first, shown in the grid', async () => {
    const { page } = app;
    const first = listSnapshots(app.db)[0]!;
    await importThroughPage(SAMPLE);
    await expect.poll(() => snapshotRows().count()).toBe(2);
    const second = listSnapshots(app.db).find((s) => s.id !== first.id)!;
    const stored = listSnapshotIssues(app.db, second.id);
    const again = stored.find((i) => i.code === 'source.alreadyImported');
    expect(again?.message).toContain(`快照 #${first.id}`);

    const grid = page.getByTestId('issue-grid');
    await grid.waitFor();
    await expect.poll(() => grid.textContent()).toContain(`快照 #${first.id}`);
    expect(await grid.locator('.ag-header-cell-text').allTextContents())
      .toEqual(expect.arrayContaining(['级别', '问题', '文件', '工作表', '行', '列', '规则']));
    // The rule by its Chinese name, not its code
    expect(await grid.textContent()).toContain('文件已导入过');
    expect(await grid.textContent()).not.toContain('source.alreadyImported');
    // Its row in the list counts the same warnings the database holds.
    const secondRow = page.locator(`[data-snapshot-id="${second.id}"]`);
    expect((await secondRow.locator('td.num').last().textContent())?.trim()).toBe(String(second.warningCount));
    expect(second.warningCount).toBeGreaterThanOrEqual(1);
    console.log(`  ${await app.screenshot('data-warnings')}`);

    // The list as an .xlsx: written in the host's work folder and handed over as a download (no path from the page).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '保存为 Excel 报告' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^导入问题清单-.+\.xlsx$/);
    await expect.poll(() => page.getByTestId('report-saved').textContent()).toMatch(/^已保存 \d+ 条（已下载）$/);
    const ExcelJS = await import('exceljs');
    const book = new ExcelJS.default.Workbook();
    await book.xlsx.readFile(await download.path());
    const cells: string[] = [];
    book.worksheets[0]!.eachRow((r) => r.eachCell((c) => cells.push(String(c.value))));
    expect(cells.some((c) => c.includes(`快照 #${first.id}`))).toBe(true);
    expect(cells).toContain('文件已导入过');
    expect(cells).not.toContain('source.alreadyImported');
  });

  it('refuses a text file named .xlsx with a located Chinese error and leaves the list alone', async () => {
    const { page } = app;
    const bad = join(scratch, '坏文件.xlsx');
    writeFileSync(bad, '这不是一个 Excel 工作簿，只是一段文字。\n');
    const before = listSnapshots(app.db).map((s) => s.id);
    await importThroughPage(bad);
    const progress = page.locator('.job-progress');
    expect(await progress.getAttribute('class')).toContain('failed');
    expect(await page.locator('.job-error').textContent()).toMatch(/[\u4e00-\u9fa5]/);
    const grid = page.getByTestId('issue-grid');
    await grid.waitFor();
    await expect.poll(() => grid.textContent()).toContain('错误');
    expect(await grid.textContent()).toContain('坏文件.xlsx');
    expect(await page.locator('.issues-panel .panel-title').textContent()).toContain('导入被拒绝');
    expect(listSnapshots(app.db).map((s) => s.id)).toEqual(before);
    await expect.poll(() => snapshotRows().count()).toBe(before.length);
    console.log(`  ${await app.screenshot('data-refused')}`);
  });

  it('deletes a snapshot only after the Chinese confirmation', async () => {
    const { page } = app;
    const [keep, gone] = listSnapshots(app.db).sort((a, b) => a.id - b.id);
    const row = page.locator(`[data-snapshot-id="${gone!.id}"]`);

    await row.getByRole('button', { name: '删除' }).click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`确定要删除快照 #${gone!.id}`);
    console.log(`  ${await app.screenshot('data-confirm-delete')}`);
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(listSnapshots(app.db)).toHaveLength(2);

    await row.getByRole('button', { name: '删除' }).click();
    await dialog.getByRole('button', { name: '确定删除' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => snapshotRows().count()).toBe(1);
    expect(listSnapshots(app.db).map((s) => s.id)).toEqual([keep!.id]);
    expect(await page.locator(`[data-snapshot-id="${keep!.id}"]`).count()).toBe(1);
    console.log(`  ${await app.screenshot('data-deleted')}`);
  });

  it('shows the warnings stored with a snapshot when asked', async () => {
    const { page } = app;
    const [only] = listSnapshots(app.db);
    const stored = listSnapshotIssues(app.db, only!.id);
    expect(stored.length).toBe(only!.warningCount);
    await page.locator(`[data-snapshot-id="${only!.id}"]`).getByRole('button', { name: '查看警告' }).click();
    await expect.poll(() => page.locator('.issues-panel .panel-title').textContent()).toContain(`快照 #${only!.id}`);
    const grid = page.getByTestId('issue-grid');
    await expect.poll(() => grid.locator('.ag-cell[col-id="code"]').count()).toBe(stored.length);
    const shown = await grid.textContent();
    for (const issue of stored) {
      expect(shown).toContain(issueRuleLabel(issue.code));
      expect(shown).not.toContain(issue.code);
    }
    console.log(`  ${await app.screenshot('data-snapshot-warnings')}`);
  });

  it('had no page errors and asked nothing of the network', () => {
    expect(app.pageErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
