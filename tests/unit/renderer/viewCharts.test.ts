import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { writeDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';
import { exitsMetrics } from '../../../electron/core/metrics/exits';
import { flowsMetrics } from '../../../electron/core/metrics/flows';
import { incomeMetrics } from '../../../electron/core/metrics/income';
import { monitoringMetrics } from '../../../electron/core/metrics/monitoring';
import { returnsMetrics } from '../../../electron/core/metrics/returns';
import { runPivot } from '../../../electron/core/pivot/runPivot';
import type { ExitsResult } from '../../../shared/api/exits';
import type { FlowsResult } from '../../../shared/api/flows';
import type { IncomeResult } from '../../../shared/api/income';
import type { MonitoringResult } from '../../../shared/api/monitoring';
import type { ReturnsResult } from '../../../shared/api/returns';
import { AREA_PIVOT_SPEC, areaTreeFromPivot } from '../../../renderer/src/views/common/areaTree';
import { formatCount } from '../../../renderer/src/format/numbers';
import { categoryColor } from '../../../renderer/src/views/common/palette';
import { exitsByYearOption, townshipMethodRows } from '../../../renderer/src/views/exits/exitsCharts';
import { rowsOf, sankeyModel, sankeyUnit, stockFlowOption } from '../../../renderer/src/views/flows/flowsCharts';
import { areaRanking, waterfallSteps } from '../../../renderer/src/views/income/incomeCharts';
import { categoryOption, riskOption } from '../../../renderer/src/views/monitoring/monitoringCharts';
import { histogramOption } from '../../../renderer/src/views/evaluation/signalsCharts';
import { causeSharesOption, wrapLabel } from '../../../renderer/src/views/returns/returnsCharts';
import { writeGeneratedCounty } from '../metrics/support/generatedCounty';

/** The chart builders of the views, fed with the real metrics of a demo county (600 households). */
interface Series {
  readonly name?: string;
  readonly data: readonly unknown[];
}
function seriesOf(option: { series?: unknown }): Series[] {
  return (Array.isArray(option.series) ? option.series : [option.series]) as Series[];
}
function colorOfItem(item: unknown): string | undefined {
  return (item as { itemStyle?: { color?: string } }).itemStyle?.color;
}

describe('chart builders on a demo county', () => {
  let dir: string;
  let db: Db;
  let snapshotId: number;
  let income: IncomeResult;
  let byTownship: IncomeResult;
  let exits: ExitsResult;
  let returns: ReturnsResult;
  let monitoring: MonitoringResult;
  let flows: FlowsResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tuopin-view-charts-'));
    db = openDatabase(join(dir, 'demo.sqlite'));
    snapshotId = (await writeDemoSnapshot(db, { households: 600, seed: 5 })).snapshotId;
    const req = { snapshotId };
    income = incomeMetrics(db, req);
    byTownship = incomeMetrics(db, { ...req, groupBy: 'township' });
    exits = exitsMetrics(db, req);
    returns = returnsMetrics(db, req);
    monitoring = monitoringMetrics(db, req);
    flows = flowsMetrics(db, req);
  });
  afterAll(() => {
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('walks the waterfall from the first year\'s 人均纯收入 to the last year\'s, one step per source', () => {
    const series = income.groups[0]?.crossSection;
    expect(series?.contribution).toBeTruthy();
    const steps = waterfallSteps(series!);
    expect(steps).not.toBeNull();
    const first = series!.byYear[0]!;
    const last = series!.byYear[series!.byYear.length - 1]!;
    expect(steps![0]!.height).toBeCloseTo(first.perCapita!, 6);
    expect(steps![steps!.length - 1]!.height).toBeCloseTo(last.perCapita!, 6);
    const changes = steps!.filter((s) => !s.total).map((s) => s.change ?? 0);
    expect(changes).toHaveLength(5);
    expect(first.perCapita! + changes.reduce((a, b) => a + b, 0)).toBeCloseTo(last.perCapita!, 6);
    expect(steps![1]!.change).toBeCloseTo(last.wage! - first.wage!, 6);
  });

  it('ranks the townships by the last year\'s 人均纯收入, highest first, each as the metric gives it', () => {
    const year = Math.max(...byTownship.groups.flatMap((g) => g.crossSection?.byYear.map((y) => y.year) ?? []));
    const rows = areaRanking(byTownship.groups, year);
    expect(rows.length).toBe(byTownship.groups.filter((g) => g.group !== null).length);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.perCapita).toBeGreaterThanOrEqual(rows[i]!.perCapita);
    const top = byTownship.groups.find((g) => g.group === rows[0]!.name)!;
    expect(rows[0]!.perCapita).toBe(top.crossSection!.byYear.find((y) => y.year === year)!.perCapita);
  });

  it('stacks the exits of each year by method so that the stack is the year\'s attributed persons', () => {
    for (const method of ['income', 'structural', 'recorded'] as const) {
      const stacks = seriesOf(exitsByYearOption(exits, method, ''));
      exits.byYear.forEach((y, i) => {
        const total = stacks.reduce((sum, s) => sum + (Number(s.data[i]) || 0), 0);
        const expected = Object.values(y.attribution[method]).reduce((sum, v) => sum + v.persons, 0);
        expect(total).toBe(expected);
      });
    }
  });

  it('gives 因病 one colour in the cause chart and the risk chart, and every category its palette colour', () => {
    const illness = categoryColor('cause', '因病');
    const causeBars = seriesOf(causeSharesOption(returns.causeDistribution, ''))[0]!.data;
    const causeNames = Object.entries(returns.causeDistribution).sort((a, b) => b[1].persons - a[1].persons || a[0].localeCompare(b[0], 'zh-CN')).map(([n]) => n).reverse();
    expect(causeNames).toContain('因病');
    causeNames.forEach((name, i) => expect(colorOfItem(causeBars[i])).toBe(categoryColor('cause', name)));
    const risk = riskOption(monitoring, '');
    const riskNames = (risk.yAxis as { data: string[] }).data;
    const riskBars = seriesOf(risk)[0]!.data;
    expect(colorOfItem(riskBars[riskNames.indexOf('因病')])).toBe(illness);
    expect(categoryColor('cause', '因灾')).toBe(categoryColor('cause', '因自然灾害'));
    expect(categoryColor('cause', '缺劳力')).toBe(categoryColor('cause', '缺劳动力'));
    expect(categoryColor('source', 'wage')).toBe(categoryColor('method', '就业'));
    expect(categoryColor('source', 'support')).toBe(categoryColor('method', '兜底保障'));
    expect(categoryColor('cause', '因婚')).toBe(categoryColor('cause', '因婚'));
  });

  it('shows a legend only where its swatches are the colours the bars wear (#13 point 6)', () => {
    const options = {
      category: categoryOption(monitoring, ''),
      risk: riskOption(monitoring, ''),
      exitsByYear: exitsByYearOption(exits, 'income', ''),
      causes: causeSharesOption(returns.causeDistribution, ''),
    };
    for (const [name, option] of Object.entries(options)) {
      const legendShown = option.legend !== undefined && (option.legend as { show?: boolean }).show !== false;
      for (const s of seriesOf(option) as (Series & { color?: string; label?: { formatter?: unknown } })[]) {
        const own = s.data.map(colorOfItem).filter((c): c is string => c !== undefined);
        if (legendShown) {
          // The swatch is the series' colour: no bar may wear another
          expect(own.filter((c) => c !== s.color), `${name}/${s.name ?? ''}`).toEqual([]);
        } else if (own.length > 0 && seriesOf(option).length > 1) {
          // Without a legend, two series are told apart by their labels' unit words
          const format = s.label?.formatter;
          expect(typeof format, `${name}/${s.name ?? ''}`).toBe('function');
          expect((format as (p: { value: unknown }) => string)({ value: 7 })).toMatch(/^7 [户人]/);
        }
      }
    }
    // The category chart's pale 人数 bar is its category's colour, and its label says 人
    const [households, persons] =
      seriesOf(options.category) as (Series & { label: { formatter: (p: object) => string } })[];
    expect(households?.label.formatter({ value: 193 })).toBe('193 户');
    expect(persons?.label.formatter({ value: 637 })).toBe('637 人');
  });

  it('draws the bins near the line as a series of their own, so the legend shows both colours', () => {
    const bins = [0.96, 0.98, 1, 1.02, 1.08, 1.1, 1.12].map((from, i) => ({
      from, to: from + 0.02, households: i + 1,
    }));
    const option = histogramOption({ year: 2019, line: 3747, bins }, '', 1.1);
    const [rest, band] = seriesOf(option) as (Series & { color?: string })[];
    expect(rest?.color).not.toBe(band?.color);
    bins.forEach((b, i) => {
      const values = [rest?.data[i], band?.data[i]].filter((v): v is number => typeof v === 'number');
      expect(values).toEqual([b.households]);
      expect(typeof band?.data[i] === 'number').toBe(b.from >= 1 && b.from < 1.1);
    });
    for (const s of [rest, band]) expect(s?.data.map(colorOfItem).filter((c) => c !== undefined)).toEqual([]);
  });

  it('wraps long risk names instead of cutting them', () => {
    expect(wrapLabel('义务教育阶段适龄儿童少年失学辍学', 6).split('\n')).toEqual(['义务教育阶段', '适龄儿童少年', '失学辍学']);
  });

  it('balances the flow chart: what enters the unexited stock leaves it or stays, as the table says', () => {
    expect(flows.identityHolds).toBe(true);
    for (const unit of ['households', 'persons'] as const) {
      const rows = rowsOf(flows.rows, unit);
      const model = sankeyModel(rows)!;
      const inflow = model.links.filter((l) => l.target === '未脱贫（在册）').reduce((s, l) => s + l.value, 0);
      const outflow = model.links.filter((l) => l.source === '未脱贫（在册）').reduce((s, l) => s + l.value, 0);
      expect(inflow).toBe(outflow);
      expect(model.links.find((l) => l.source === '返贫')?.value).toBe(rows.reduce((s, r) => s + r.returned, 0));
      expect(model.links.find((l) => l.target === '脱贫')?.value).toBe(rows.reduce((s, r) => s + r.exited, 0));
    }
  });

  it('says 户次 for a flow added over years and 户 for a stock (#13: 脱贫 2,973 户 were exit events)', () => {
    const model = sankeyModel(rowsOf(flows.rows, 'households'))!;
    const stocks = model.nodes.filter((n) => /年(初|末)未脱贫$/.test(n.name)).map((n) => n.name);
    expect(stocks.length).toBeGreaterThan(0);
    expect(sankeyUnit(model, 'households', '脱贫')).toBe('户次');
    expect(sankeyUnit(model, 'households', '返贫')).toBe('户次');
    expect(sankeyUnit(model, 'persons', '脱贫')).toBe('人次');
    for (const stock of stocks) expect(sankeyUnit(model, 'households', stock)).toBe('户');
  });

  it('gives the stock-and-flow chart both grains: bars in 户次 (人次), the 年末 line in 户 (人)', () => {
    for (const [unit, stock, events] of [['households', '户', '户次'], ['persons', '人', '人次']] as const) {
      const rows = rowsOf(flows.rows, unit);
      const last = rows.reduce((a, b) => (b.exited > a.exited ? b : a));
      expect(last.exited).toBeGreaterThan(0);
      const option = stockFlowOption(rows, unit, '');
      expect((option.yAxis as { name: string }).name).toBe(`${stock}／${events}`);
      const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
      const html = formatter([
        { seriesName: '脱贫', value: -last.exited, axisValueLabel: String(last.year), marker: '' },
        { seriesName: '年末未脱贫', value: last.end, axisValueLabel: String(last.year), marker: '' },
      ]);
      expect(html).toContain(`<span>脱贫</span><b>${formatCount(last.exited)} ${events}</b>`);
      expect(html).toContain(`<span>年末未脱贫</span><b>${formatCount(last.end)} ${stock}</b>`);
    }
  });

  it('lists the townships and villages for the area filter, with villages under their own township', () => {
    const pivot = runPivot(db, {
      snapshotId, spec: { ...AREA_PIVOT_SPEC, rows: [...AREA_PIVOT_SPEC.rows], values: [...AREA_PIVOT_SPEC.values] },
    });
    const tree = areaTreeFromPivot(pivot.rows);
    const towns = byTownship.groups.map((g) => g.group).filter((g): g is string => g !== null);
    expect(tree.map((t) => t.name).sort()).toEqual([...towns].sort());
    for (const t of tree) {
      expect(t.villages.length).toBeGreaterThan(0);
      for (const v of t.villages) expect(v.name.startsWith(`${t.name}·`)).toBe(false);
    }
    // A village of the tree, with its township, is a filter the metrics accept and apply.
    const town = tree[0]!;
    const village = town.villages[0]!;
    const one = flowsMetrics(db, { snapshotId, filter: { townships: [town.name], villages: [village.name] } });
    expect(one.koujing.filterText).toContain(village.name);
    const identified = rowsOf(one.rows, 'households').reduce((s, r) => s + r.identified, 0) + (rowsOf(one.rows, 'households')[0]?.start ?? 0);
    expect(identified).toBeGreaterThan(0);
    expect(identified).toBeLessThanOrEqual(village.households);
  });

  it('orders the townships of the exit-method chart by their 兜底保障 share', () => {
    const pivot = runPivot(db, {
      snapshotId,
      spec: { rows: ['township'], columns: ['exitMethodIncome'], values: [{ measure: 'persons' }, { measure: 'persons', share: 'row' }], filters: [{ field: 'exitMethodIncome', op: 'notNull', values: [] }] },
    });
    const rows = townshipMethodRows(pivot);
    expect(rows.length).toBeGreaterThan(1);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i - 1]!.byMethod['兜底保障']?.share ?? 0).toBeGreaterThanOrEqual(rows[i]!.byMethod['兜底保障']?.share ?? 0);
    }
    for (const r of rows) expect(Object.values(r.byMethod).reduce((s, v) => s + v.share, 0)).toBeCloseTo(1, 9);
  });
});

describe('the flow chart on a county whose identity breaks', () => {
  it('shows the unbalanced sides as they are (the view flags the break above it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tuopin-view-flows-'));
    const db = openDatabase(join(dir, 'broken.sqlite'));
    try {
      const snapshotId = writeGeneratedCounty(db, { households: 400, seed: 11, brokenShare: 0.05 });
      const flows = flowsMetrics(db, { snapshotId });
      expect(flows.identityHolds).toBe(false);
      const rows = rowsOf(flows.rows, 'households');
      const model = sankeyModel(rows)!;
      const inflow = model.links.filter((l) => l.target === '未脱贫（在册）').reduce((s, l) => s + l.value, 0);
      const outflow = model.links.filter((l) => l.source === '未脱贫（在册）').reduce((s, l) => s + l.value, 0);
      expect(inflow - outflow).toBe(rows.reduce((s, r) => s + r.gap, 0));
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
