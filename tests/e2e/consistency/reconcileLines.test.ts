import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileSnapshot } from '../../../electron/core/metrics/reconcile';
import { runPivot } from '../../../electron/core/pivot/runPivot';
import { flowsMetrics } from '../../../electron/core/metrics/flows';
import { listSnapshots } from '../../../electron/core/db/snapshotRepo';
import { type RunningApp, startApp } from '../harness';

/**
 * #13 point 1: where two counts of one concept meet, the page shows the line that joins them, and
 * the line's parts add up. The top bar counts 户信息 rows and member rows; 概览's 累计识别 counts
 * the 建档立卡 register; the pivot's 人数 sums 家庭人口数. Each line is read off the page and its
 * figures are added up here, then checked against the top bar's and the card's own figures.
 */
const figures = (line: string): number[] =>
  [...line.matchAll(/([\d,]+) [户人]/g)].map((m) => Number((m[1] ?? '').replace(/,/g, '')));
const sum = (values: readonly number[]): number => values.reduce((s, n) => s + n, 0);

describe('reconciliation lines on the demo county', () => {
  let app: RunningApp;
  let topHouseholds = 0;
  let topPersons = 0;
  let lines: string[] = [];
  let exitLine = '';
  beforeAll(async () => {
    app = await startApp({ demo: true });
    await app.open('overview');
  }, 180_000);
  afterAll(async () => app?.close());

  it("reconciles the top bar's 户 and 人 in its tooltip, and the parts add up", async () => {
    const size = app.page.getByTestId('snapshot-size');
    await expect.poll(async () => (await size.getAttribute('title')) ?? '', { timeout: 30_000 }).toContain('建档立卡');
    const [h, p] = figures(await size.innerText());
    topHouseholds = h ?? -1;
    topPersons = p ?? -1;
    lines = ((await size.getAttribute('title')) ?? '').split('\n');
    expect(lines).toHaveLength(3);
    const [households, byType, members] = lines as [string, string, string];
    // 户信息 2,991 户 = 建档立卡 2,867 户 + 普通农户 124 户（…）
    const [total, ...parts] = figures(households);
    expect(total).toBe(topHouseholds);
    expect(sum(parts)).toBe(total);
    // 家庭人口数之和 10,334 人 = 建档立卡 9,844 人 + 普通农户 490 人
    const [all, ...typeParts] = figures(byType);
    expect(sum(typeParts)).toBe(all);
    // 人数 10,334 人（…）= 成员表 10,333 人 ± n 人（k 户…）
    const [sizeSum, memberRows, net] = figures(members);
    expect(sizeSum).toBe(all);
    expect(memberRows).toBe(topPersons);
    expect((memberRows ?? 0) + (members.includes(' − ') ? -(net ?? 0) : (net ?? 0))).toBe(sizeSum);
    // The same figures as the core's one home
    const id = Number((await app.page.locator('select[aria-label="选择数据快照"]').inputValue()));
    const r = reconcileSnapshot(app.db, id);
    expect([total, sizeSum, memberRows]).toEqual([r.all.households, r.all.persons, r.members.memberRows]);
  }, 60_000);

  it("joins 概览's 累计识别 to the top bar's 户", async () => {
    const line = app.page.getByTestId('registered-reconciliation');
    await line.waitFor({ timeout: 60_000 });
    const card = Number(await app.page.locator('[data-figure="overview.registered"]').getAttribute('data-value'));
    const [total, registered, ...rest] = figures(await line.innerText());
    expect(total).toBe(topHouseholds);
    expect(registered).toBe(card);
    expect((registered ?? 0) + sum(rest)).toBe(total);
    await app.screenshot('consistency-reconcile-overview');
  }, 90_000);

  it('joins 脱贫方式\'s 户 and 户次 in its figure line', async () => {
    const { page } = app;
    await app.open('exits');
    const line = page.getByTestId('exits-reconciliation');
    await line.waitFor({ timeout: 90_000 });
    const number = async (figure: string): Promise<number> =>
      Number((await page.locator(`[data-figure="${figure}"]`).innerText()).replace(/,/g, ''));
    const text = await line.innerText();
    const [events, households] = figures(text);
    const again = Number(/([\d,]+) 次再次脱贫/.exec(text)?.[1]?.replace(/,/g, ''));
    expect(events).toBe(await number('exits.events'));
    expect(households).toBe(await number('exits.households'));
    expect((households ?? 0) + again).toBe(events);
    exitLine = text;
  }, 120_000);

  it('joins 动态调整\'s Sankey 脱贫 (户次) to the exits\' 户 with the same line', async () => {
    await app.open('flows');
    const line = app.page.getByTestId('flows-exit-reconciliation');
    await line.waitFor({ timeout: 120_000 });
    expect(exitLine).not.toBe('');
    expect(await line.innerText()).toBe(exitLine);
    // The Sankey's 脱贫 is the flow table's exits summed over the years
    const id = Number((await app.page.locator('select[aria-label="选择数据快照"]').inputValue()));
    const exited = flowsMetrics(app.db, { snapshotId: id }).rows.filter((r) => r.unit === 'households')
      .reduce((s, r) => s + r.exited, 0);
    expect(figures(exitLine)[0]).toBe(exited);
  }, 120_000);

  it('joins 跨期对比\'s presence tiles to the two snapshots\' 户信息 counts', async () => {
    const { page } = app;
    await app.open('compare');
    const line = page.getByTestId('presence-reconciliation');
    await line.waitFor({ timeout: 120_000 });
    const text = await line.innerText();
    const grab = (re: RegExp): number[] => (re.exec(text) ?? []).slice(1).map((v) => Number(v.replace(/,/g, '')));
    const [a, bothA, vanished] = grab(/A ([\d,]+) 户 = 仍在册 ([\d,]+) 户 \+ 消失 ([\d,]+) 户/);
    const [b, bothB, added] = grab(/B ([\d,]+) 户 = 仍在册 ([\d,]+) 户 \+ 新增 ([\d,]+) 户/);
    const tile = async (id: string): Promise<number> => Number(await page.getByTestId(`tile-${id}`).getAttribute('data-value'));
    const sizes = listSnapshots(app.db).sort((x, y) => x.asOf.localeCompare(y.asOf));
    expect([a, b]).toEqual([sizes[0]?.households, sizes[1]?.households]);
    expect(bothA).toBe(bothB);
    expect((bothA ?? 0) + (vanished ?? 0)).toBe(a);
    expect((bothB ?? 0) + (added ?? 0)).toBe(b);
    expect(await tile('vanishedExplained') + await tile('vanishedUnexplained')).toBe(vanished);
    expect(await tile('addedExplained') + await tile('addedUnexplained')).toBe(added);
    await app.screenshot('consistency-reconcile-compare');
  }, 180_000);

  it('joins 监测帮扶\'s 监测对象 to the register: 建档立卡 + 未建档立卡', async () => {
    await app.open('monitoring');
    const line = app.page.getByTestId('monitored-by-type');
    await line.waitFor({ timeout: 120_000 });
    const [total, ...parts] = figures(await line.innerText());
    expect(total).toBe(Number(await app.page.getByTestId('monitored-households').getAttribute('data-value')));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(sum(parts)).toBe(total);
    await app.screenshot('consistency-reconcile-monitoring');
  }, 120_000);

  it("says in the pivot's 口径 how its 人数 meets the top bar's 人", async () => {
    const { page } = app;
    await app.open('pivot');
    await page.getByTestId('pivot-grid').waitFor();
    await page.locator('.pivot-koujing summary').click();
    const note = page.locator('.pivot-koujing li', { hasText: '成员表' });
    await note.waitFor();
    const text = await note.innerText();
    expect(text).toBe(`全快照（不计筛选）：${lines[2] ?? ''}`);
    // Unfiltered, the pivot's 合计 of 人数 is the line's first figure
    const id = Number((await page.locator('select[aria-label="选择数据快照"]').inputValue()));
    const core = runPivot(app.db, { snapshotId: id, spec: { rows: ['township'], values: [{ measure: 'persons' }], totals: true } });
    const grand = core.totals.find((l) => l[0] === null);
    expect(grand?.[1]).toBe(figures(text)[0]);
    await app.screenshot('consistency-reconcile-pivot');
  }, 90_000);
});
