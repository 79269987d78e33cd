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
});
