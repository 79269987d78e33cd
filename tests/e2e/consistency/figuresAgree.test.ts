import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitsMetrics } from '../../../electron/core/metrics/exits';
import { monitoringMetrics } from '../../../electron/core/metrics/monitoring';
import { type RunningApp, startApp } from '../harness';

/**
 * #13 point 1 and the last of point 9 on the demo county: where 户 and 户次 meet (累计脱贫), the card
 * joins them in one line; the 综述 names its base (人次); 监测帮扶 lists the households whose risk
 * is not removed, and its figures add up (监测对象 = 已消除 + 尚未消除).
 */
const zh = (n: number): string => new Intl.NumberFormat('zh-CN').format(n);

async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator('main.content .loading, main.content .headline-pending').count(), { timeout: 120_000 }).toBe(0);
}

describe('figures that agree from view to view', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ demo: true });
  }, 120_000);
  afterAll(async () => app?.close());

  it('joins 户次 and 户 of 累计脱贫 in one line, and the 综述 says 人次 for person-exits', async () => {
    const { page } = app;
    await app.open('overview');
    await settled(page);
    const exits = exitsMetrics(app.db, {});
    const again = exits.totals.events - exits.totals.households;
    expect(again).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('exit-reconciliation').innerText(), { timeout: 60_000 })
      .toBe(`${zh(exits.totals.events)} 户次 = ${zh(exits.totals.households)} 户 + ${zh(again)} 次再次脱贫`);
    await expect.poll(() => page.getByTestId('summary-paragraph').innerText(), { timeout: 60_000 }).toContain('按脱贫人次计');
    const summary = await page.getByTestId('summary-paragraph').innerText();
    expect(summary).toContain(`开发式措施脱贫${exits.headline.developmentPersons}人次`);
    expect(summary).not.toMatch(/措施脱贫\d+人，/);
    await app.screenshot('consistency-overview-reconciled');
  }, 120_000);

  it('lists the monitored households whose risk is not removed on 监测帮扶', async () => {
    const { page } = app;
    await app.open('monitoring');
    await settled(page);
    const m = monitoringMetrics(app.db, {});
    expect(m.unresolved.households).toBeGreaterThan(0);
    expect(m.unresolved.households + m.eliminated.households).toBe(m.identified.households);
    await expect.poll(() => page.getByTestId('unresolved-households').innerText(), { timeout: 60_000 }).toBe(zh(m.unresolved.households));
    const list = page.getByTestId('unresolved-list');
    await list.locator('.ag-row').first().waitFor();
    const first = m.unresolved.list[0]!;
    expect(await list.locator('.ag-row[row-index="0"] [col-id="code"]').innerText()).toBe(first.code);
    expect(await list.locator('.ag-row[row-index="0"] [col-id="months"]').innerText()).toBe(String(first.months));
    expect(await page.locator('.panel', { has: list }).innerText()).toContain(`共 ${zh(m.unresolved.households)} 户`);
    await list.scrollIntoViewIfNeeded();
    await app.screenshot('consistency-monitoring-unresolved');
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
