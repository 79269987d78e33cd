import { readFileSync } from 'node:fs';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWS } from '../../../renderer/src/views/registry';
import { GRAIN_UNIT, HEADLINE_FIGURES, type FigureGrain } from '../../../shared/semantic/headlineFigures';
import { type RunningApp, startApp } from '../harness';

/**
 * #13 point 1: every headline of every view (概览's cards, each analysis view's figure line) is a
 * figure of the headline catalogue, and the unit word printed after it is its grain's: 户次 where
 * events are counted, 户 where households are, 户·年 for household-years. A number in a headline
 * that the catalogue does not know fails the walk, so a new figure must say its grain.
 */
interface Seen { view: string; figure: string | null; text: string; unit: string }

describe('headline units against the catalogue', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ demo: true });
  }, 120_000);
  afterAll(async () => app?.close());

  it('walks every view: each headline names a catalogue figure and prints its grain', async () => {
    const { page } = app;
    const seen: Seen[] = [];
    for (const view of VIEWS) {
      await app.open(view.key);
      await page.locator(`main.content[data-view="${view.key}"]`).waitFor({ timeout: 60_000 });
      await expect.poll(() => page.locator('main.content .loading, main.content .headline-pending').count(), { timeout: 120_000 }).toBe(0);
      const found = await page.evaluate(() => Array.from(document.querySelectorAll('main.content .figure-row b, main.content .headline-value'))
        .map((el) => {
          const inner = el.querySelector('.headline-unit');
          const after = inner ? inner.textContent ?? '' : (el.nextSibling?.textContent ?? '');
          const own = inner ? (el.textContent ?? '').slice(0, -(inner.textContent ?? '').length) : el.textContent ?? '';
          return { figure: el.getAttribute('data-figure'), text: own.trim(), unit: after.trim() };
        }));
      seen.push(...found.map((f) => ({ view: view.key, ...f })));
    }
    const views = new Set(seen.map((s) => s.view));
    for (const v of ['overview', 'income', 'exits', 'returns', 'monitoring', 'quality']) expect(views, v).toContain(v);
    const undeclared = seen.filter((s) => s.figure === null || !(s.figure in HEADLINE_FIGURES));
    expect(undeclared).toEqual([]);
    const wrong = seen.filter((s) => {
      const grain: FigureGrain = HEADLINE_FIGURES[s.figure as keyof typeof HEADLINE_FIGURES].grain;
      if (s.text === '—') return false;
      if (grain === 'share') return !s.text.endsWith('%');
      const unit = GRAIN_UNIT[grain];
      // 2.9万户 on a card: the 万 belongs to the number
      const word = s.unit.replace(/^万/, '');
      // 户 must not be read as the start of 户次 or 户·年, nor 人 of 人次
      return !word.startsWith(unit) || (unit.length === 1 && /^[户人][次·]/.test(word));
    });
    expect(wrong).toEqual([]);
    // Events are said as events where they are shown
    const exitEvents = seen.find((s) => s.figure === 'exits.events');
    expect(exitEvents?.unit.startsWith('户次')).toBe(true);
    expect(seen.find((s) => s.figure === 'exits.supportPersons')?.unit.startsWith('人次')).toBe(true);
    expect(seen.length).toBeGreaterThan(25);
  }, 600_000);

  it("names each 动态调整表 column's grain, on the page and in its CSV: stocks 户/人, flows 户次/人次", async () => {
    const { page } = app;
    await app.open('flows');
    const panel = page.locator('section.panel', { has: page.locator('h2.panel-title', { hasText: '动态调整表' }) });
    await panel.locator('.ag-header-cell-text').first().waitFor({ timeout: 120_000 });
    // Events are counted where a household can be counted twice (returned and exited again): the flows.
    const expected = (stock: string, flow: string): string[] => ['年度',
      `年初未脱贫（${stock}）`, `+ 新识别（${flow}）`, `+ 返贫（${flow}）`, `− 脱贫（${flow}）`,
      `− 自然减少（${flow}）`, `− 清退（${flow}）`, `年末未脱贫（${stock}）`, '平衡差额'];
    const headers = async (): Promise<string[]> => (await panel.locator('.ag-header-cell-text').allInnerTexts())
      .map((t) => t.trim());
    expect(await panel.locator('h2.panel-title').innerText()).toBe('动态调整表');
    await expect.poll(headers, { timeout: 30_000 }).toEqual(expected('户', '户次'));
    const [download] = (await Promise.all([
      page.waitForEvent('download'), panel.getByRole('button', { name: '导出 CSV' }).click(),
    ])) as [Download, void];
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '');
    const head = (csv.split(/\r?\n/)[0] ?? '').split(',').map((h) => h.replace(/^"|"$/g, ''));
    expect(head).toEqual(expected('户', '户次'));
    await page.getByRole('combobox', { name: '单位' }).selectOption('persons');
    await expect.poll(headers, { timeout: 30_000 }).toEqual(expected('人', '人次'));
    await app.screenshot('consistency-flows-table-headers');
  }, 180_000);
});
