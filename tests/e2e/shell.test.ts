import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../electron/core/db/database';
import { SnapshotWriter } from '../../electron/core/db/snapshotWriter';
import { VIEWS } from '../../renderer/src/views/registry';
import { type RunningApp, SCREENSHOT_DIR, startApp } from './harness';

const NAV_LABELS = ['概览', '收入增长', '返贫分析', '脱贫方式', '监测帮扶', '动态调整', '透视分析', '数据质量', '跨期对比', '收入测算核查', '多县汇总', '数据管理', '标准设置', '报告导出'];

/** One small snapshot written with the core's own writer: enough for the shell to have a county. */
function writeOneHouseholdSnapshot(db: Db): void {
  const writer = SnapshotWriter.begin(db, {
    countyCode: '520000000000',
    countyName: '青山县',
    asOf: '2023-12-31',
    sourceName: 'e2e-shell.xlsx',
    sourceSha256: '0'.repeat(64),
    keepNames: true,
    eventsDerived: false,
  });
  writer.addHousehold({
    code: 'H0001', county: '青山县', township: '城关镇', village: '东村', areaCode: null, poorVillage: true, headName: '张三',
    headIdNumber: null, size: 3, type: '脱贫户', attribute: '一般贫困户', standard: null, mainCause: '因病', otherCauses: [],
    identifiedYear: 2014, status: '已脱贫（不再享受政策）', exitYear: 2016, returnYear: null, returnCause: null, relocated: false,
    housing: null, safeWater: true, monitoringCategory: null, monitoringDate: null, risks: [], riskEliminated: null,
    eliminationMethod: null, eliminationDate: null, sourceRow: 2,
  });
  writer.commit(0);
}

describe('the shell on an empty database', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
    console.log(`截图目录 (screenshots): ${SCREENSHOT_DIR}`);
  });
  afterAll(async () => app?.close());

  it('shows the Chinese shell and the empty state that says how to import or get the demo', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByTestId('empty-state').waitFor();
    expect(await page.locator('.brand-name').textContent()).toBe('脱贫成效分析工作站');
    expect(await page.getByTestId('current-snapshot').textContent()).toContain('尚未导入县级数据');
    const empty = await page.getByTestId('empty-state').textContent();
    expect(empty).toContain('还没有县级数据');
    expect(empty).toContain('数据管理 → 导入');
    expect(empty).toContain('演示县');
    expect(page.url()).not.toContain('token=');
    console.log(`  ${await app.screenshot('shell-empty')}`);
  });

  it('lists the fourteen sections in order and opens each one from the navigation', async () => {
    const { page } = app;
    expect(await page.locator('.side-nav a span').allTextContents()).toEqual(NAV_LABELS);
    for (const view of VIEWS) {
      await page.locator(`.side-nav a[data-view="${view.key}"]`).click();
      await page.locator(`main.content[data-view="${view.key}"]`).waitFor();
      expect(new URL(page.url()).hash).toBe(`#/${view.key}`);
      expect(await page.locator('.side-nav a.active span').textContent()).toBe(view.label);
      if (view.needsSnapshot) {
        await page.getByTestId('empty-state').waitFor();
      } else {
        expect(await page.getByTestId('empty-state').count()).toBe(0);
      }
      console.log(`  ${await app.screenshot(`shell-empty-${view.key}`)}`);
    }
  });

  it('loads its fonts from its own files and asks nothing of the network', async () => {
    const { page } = app;
    const family = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'Noto Sans SC' && f.status === 'loaded');
    });
    expect(family).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/^"?Noto Sans SC/);
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});

describe('the shell with a county snapshot', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ prepare: writeOneHouseholdSnapshot });
  });
  afterAll(async () => app?.close());

  it('names the county and its date in the top bar and offers it in the snapshot selector', async () => {
    const { page } = app;
    await expect.poll(() => page.getByTestId('current-snapshot').textContent()).toContain('青山县');
    const info = await page.getByTestId('current-snapshot').textContent();
    expect(info).toContain('截至 2023年12月31日');
    expect(info).toContain('1 户 · 0 人');
    expect(await page.locator('.snapshot-select option').allTextContents()).toEqual(['青山县 · 截至 2023-12-31 · #1']);
  });

  it('shows every view (or its 本功能建设中 notice) instead of the empty state', async () => {
    const { page } = app;
    for (const view of VIEWS) {
      await page.locator(`.side-nav a[data-view="${view.key}"]`).click();
      await page.locator(`main.content[data-view="${view.key}"]`).waitFor();
      expect(await page.getByTestId('empty-state').count()).toBe(0);
      expect(await page.locator('main.content').textContent()).not.toBe('');
      console.log(`  ${await app.screenshot(`shell-${view.key}`)}`);
    }
    expect(app.pageErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });

  it('reopens the view and snapshot named in the address', async () => {
    const { page } = app;
    await page.goto(`${app.origin}/#/returns?snapshot=1`);
    await page.locator('main.content[data-view="returns"]').waitFor();
    expect(await page.locator('.side-nav a.active span').textContent()).toBe('返贫分析');
    expect(await page.locator('.snapshot-select select').inputValue()).toBe('1');
  });

  it('keeps working after a reload: the token stays with the tab, not in the address', async () => {
    const { page } = app;
    await page.reload();
    await expect.poll(() => page.getByTestId('current-snapshot').textContent()).toContain('青山县');
    expect(page.url()).not.toContain('token=');
  });
});

describe('a page opened without the token', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ withoutToken: true });
  });
  afterAll(async () => app?.close());

  it('gets no data and says, in Chinese, to use the printed address', async () => {
    const { page } = app;
    await page.locator('.error-notice').waitFor();
    expect(await page.locator('.error-notice').textContent()).toContain('访问令牌无效');
  });
});

describe('the shell on the demo county', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ demo: true });
  });
  afterAll(async () => app?.close());

  it('shows the demo county in the top bar, as npm start does on first run', async () => {
    const { page } = app;
    // The views open on the newest snapshot: the demo county's export of 2024-12-31.
    const newest = app.db.prepare(`SELECT households FROM snapshot ORDER BY as_of DESC LIMIT 1`).get() as { households: number };
    await expect.poll(() => page.getByTestId('current-snapshot').textContent()).toContain(`${newest.households.toLocaleString('en-US')} 户`);
    expect(await page.getByTestId('current-snapshot').textContent()).toContain('2024年12月31日');
    console.log(`  ${await app.screenshot('shell-demo-overview')}`);
    expect(app.pageErrors).toEqual([]);
  });
});
