import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type RunningApp, startApp } from '../harness';

/**
 * 标准设置 on the demo county (income rows to 2023, shipped thresholds to 2021): the years the data
 * needs and the set lacks are asked for on the page and where a figure needs them; a line lower than
 * the year before is saved only after a confirmation; a provincial set of 6000 changes the figures
 * of 脱贫方式 once the snapshot uses it.
 */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator('main.content .loading, main.content .headline-pending').count(), { timeout: 120_000 }).toBe(0);
}

async function cardText(page: Page, id: string): Promise<string> {
  return page.getByTestId(`card-${id}`).locator('.headline-value').innerText();
}

describe('标准设置', () => {
  let app: RunningApp;
  // The shipped thresholds end in 2021: every later income year of the demo county is asked for.
  let later: string[] = [];
  beforeAll(async () => {
    app = await startApp({ demo: true });
    later = (app.db.prepare(`SELECT DISTINCT year FROM income WHERE year > 2021 ORDER BY year`).raw().all() as [number][])
      .map((r) => String(r[0]));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('asks for the missing years where a figure needs them and on the page', async () => {
    const { page } = app;
    expect(later.length).toBeGreaterThan(0);
    // 收入增长 draws the standard beside the income: the years it cannot draw are named there
    await app.open('income');
    await expect.poll(() => page.getByTestId('income-missing-lines').innerText(), { timeout: 60_000 })
      .toContain(`${later.join('、')} 年的贫困线或监测标准：这些年未画出标准线`);
    await app.open('returns');
    await settled(page);
    await expect.poll(() => page.getByTestId('missing-lines').first().innerText(), { timeout: 60_000 }).toContain(later.join('、'));
    // The warning says where to act: the set and the years, and the link opens that year's input
    const link = page.getByTestId('missing-lines').first().getByRole('link');
    expect(await link.innerText()).toContain(`“国家标准”${later.join('、')} 年的标准`);
    await link.click();
    await page.locator('main.content[data-view="standards"] [data-testid="standards-view"]').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''))
      .toBe(`${later[0] ?? ''}年监测标准`);
    await app.screenshot('standards-asked');
    const asked = page.locator('[data-testid="standard-years"] tr.asked');
    expect(await asked.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-year')))).toEqual(later);
    expect(await page.getByTestId('standard-sets').innerText()).toContain(`缺 ${later.length} 年`);
  });

  it('refuses an empty year and confirms a line lower than the year before', async () => {
    const { page } = app;
    await app.open('standards');
    await page.getByRole('button', { name: '保存' }).click();
    expect(await page.getByTestId('standard-problem').innerText()).toBe('2022年的贫困线和监测标准都没有填写：请填写其一，或删除这一年');
    await page.getByLabel('2022年监测标准').fill('5800');
    await page.getByLabel('2022年来源').fill('省乡村振兴局2022年监测范围通知');
    for (const year of later.filter((y) => y !== '2022')) await page.getByLabel(`${year}年监测标准`).fill('6500');
    await page.getByRole('button', { name: '保存' }).click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('2022年 5800 元低于2021年 6000 元');
    await app.screenshot('standards-confirm-decrease');
    await dialog.getByRole('button', { name: '取消' }).click();
    await page.getByLabel('2022年监测标准').fill('6200');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('standard-saved').waitFor();
    expect(await page.locator('[data-testid="standard-years"] tr.asked').count()).toBe(0);
    await app.open('returns');
    await settled(page);
    expect(await page.getByTestId('missing-lines').count()).toBe(0);
    await app.open('income');
    await settled(page);
    await page.getByTestId('income-figures').waitFor();
    expect(await page.getByTestId('income-missing-lines').count()).toBe(0);
  });

  it('uses a provincial set of 6000 (江苏) and every figure follows it', async () => {
    const { page } = app;
    await app.open('overview');
    await settled(page);
    const before = await cardText(page, 'support-share');
    await app.open('standards');
    await page.getByTestId('standard-sets').getByRole('button', { name: /省定标准/ }).click();
    await page.getByRole('button', { name: '按江苏省定标准填入' }).click();
    expect(await page.getByLabel('2018年贫困线').inputValue()).toBe('6000');
    expect(await page.getByLabel('2018年来源').inputValue()).toContain('江苏');
    // The years after 2021 are still asked for in this set too
    for (const year of later) await page.getByLabel(`${year}年监测标准`).fill('6500');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('standard-saved').waitFor();
    await page.getByLabel('改用的标准').selectOption({ label: '省定标准' });
    await page.getByRole('button', { name: '使用此标准' }).click();
    await expect.poll(() => page.getByTestId('standards-in-use').innerText()).toContain('当前：省定标准');
    await app.screenshot('standards-provincial');
    await app.open('overview');
    await settled(page);
    const after = await cardText(page, 'support-share');
    expect(after).not.toBe(before);
    expect(await page.locator('main.content').innerText()).toContain('省定标准');
  });
});
