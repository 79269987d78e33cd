import { INCOME_METHODS } from '../../../shared/api/exits';
import type { ReportFigures } from './figures';
import type { ChartSeries, ReportChart } from './model';
import type { ReportFormatter } from './reportFormat';
import { townshipsRanked } from './templates/income';

/** Chart figures come from the metric results; the small-cell rule hides a count's bar and label. */

function counts(name: string, values: readonly number[], x: ReportFormatter, stack?: string): ChartSeries {
  return {
    name, type: 'bar', ...(stack ? { stack } : {}),
    values: values.map((v) => (x.hides(v) ? null : v)),
    labels: values.map((v) => (v === 0 ? '' : x.countLabel(v))),
  };
}

export function incomeChart(f: ReportFigures, x: ReportFormatter): ReportChart {
  const years = (f.income.groups[0]?.crossSection?.byYear ?? []).filter((y) => y.perCapita !== null);
  return {
    kind: 'chart', id: 'income', caption: '脱贫户人均纯收入及比上年增长', horizontal: false,
    categories: years.map((y) => String(y.year)), yAxisName: '元/人', rightAxisName: '增长',
    series: [
      { name: '人均纯收入（元）', type: 'bar', values: years.map((y) => (x.hides(y.persons) ? null : Math.round(y.perCapita ?? 0))),
        labels: years.map((y) => (x.hides(y.persons) ? '<3' : String(Math.round(y.perCapita ?? 0)))) },
      { name: '比上年增长', type: 'line', rightAxis: true, values: years.map((y) => (y.yoy === null ? null : y.yoy)),
        labels: years.map((y) => (y.yoy === null ? '' : x.percent(y.yoy))) },
    ],
  };
}

export function incomeStructureChart(f: ReportFigures, x: ReportFormatter): ReportChart {
  const years = (f.income.groups[0]?.crossSection?.byYear ?? []).filter((y) => y.perCapita !== null);
  const parts = [['工资性', 'wage'], ['净经营性', 'netBusiness'], ['财产性', 'property'], ['转移性', 'transfer']] as const;
  return {
    kind: 'chart', id: 'structure', caption: '人均纯收入构成（元/人）', horizontal: false,
    categories: years.map((y) => String(y.year)), yAxisName: '元/人',
    series: parts.map(([name, key]) => ({
      name, type: 'bar' as const, stack: 'income',
      values: years.map((y) => (x.hides(y.persons) ? null : Math.round(y[key] ?? 0))),
      labels: years.map(() => ''),
    })),
  };
}

export function exitMethodChart(f: ReportFigures, x: ReportFormatter): ReportChart {
  const years = f.exits.byYear;
  const methods = INCOME_METHODS.filter((m) => (f.exits.attribution.income[m]?.persons ?? 0) > 0);
  return {
    kind: 'chart', id: 'exitMethods', caption: '分脱贫年度的脱贫方式构成（收入法，占脱贫人口）', horizontal: false,
    categories: years.map((y) => String(y.year)), yAxisName: '占比', percentAxis: true,
    series: methods.map((m) => ({
      name: m, type: 'bar' as const, stack: 'share',
      values: years.map((y) => {
        const s = y.attribution.income[m];
        return !s || x.hides(s.persons) ? null : s.share;
      }),
      labels: years.map((y) => {
        const s = y.attribution.income[m];
        if (!s || s.persons === 0) return '';
        return x.hides(s.persons) ? '<3' : s.share >= 0.08 ? x.percent(s.share) : '';
      }),
    })),
  };
}

export function returnsChart(f: ReportFigures, x: ReportFormatter): ReportChart {
  const years = f.returns.byYear;
  const causes = Object.keys(f.returns.causeDistribution);
  return {
    kind: 'chart', id: 'returns', caption: '分年度返贫人口（按返贫原因）', horizontal: false,
    categories: years.map((y) => String(y.year)), yAxisName: '人',
    series: causes.map((c) => counts(c, years.map((y) => y.byCause[c]?.persons ?? 0), x, 'cause')),
  };
}

export function monitoringChart(f: ReportFigures, x: ReportFormatter): ReportChart {
  const cats = Object.entries(f.monitoring.byCategory);
  return {
    kind: 'chart', id: 'monitoring', caption: '防返贫监测对象分类别', horizontal: false,
    categories: cats.map(([c]) => c), yAxisName: '户 / 人',
    series: [
      counts('户数', cats.map(([, v]) => v.households), x),
      counts('人口', cats.map(([, v]) => v.persons), x),
    ],
  };
}

export function townshipChart(f: ReportFigures, x: ReportFormatter): ReportChart {
  // Lowest at the bottom of a horizontal bar chart reads as a ranking from the top.
  const ranked = [...townshipsRanked(f)].reverse();
  return {
    kind: 'chart', id: 'townships', caption: '各乡镇脱贫户人均纯收入排序（末年，元/人）', horizontal: true,
    categories: ranked.map((t) => t.township), yAxisName: '元/人',
    series: [{
      name: '人均纯收入', type: 'bar',
      values: ranked.map((t) => (x.hides(t.persons) ? null : Math.round(t.perCapita))),
      labels: ranked.map((t) => (x.hides(t.persons) ? '<3' : String(Math.round(t.perCapita)))),
    }],
  };
}
