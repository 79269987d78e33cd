import { INCOME_METHODS } from '../../../shared/api/exits';
import type { ReportFigures } from './figures';
import { koujingLines } from './koujingText';
import type { ReportTable, TableCell, TableColumn } from './model';
import type { ReportFormatter } from './reportFormat';
import { townshipsRanked } from './templates/income';

const col = (label: string, kind: TableColumn['kind']): TableColumn => ({ label, kind });

export function registerTable(f: ReportFigures, x: ReportFormatter): ReportTable {
  const r = f.register;
  return {
    kind: 'table', id: '基本情况', title: '建档立卡户分脱贫状态',
    columns: [col('脱贫状态', 'text'), col('户数（户）', 'integer'), col('人口（人）', 'integer'), col('占建档立卡人口', 'percent')],
    rows: [
      ...r.byStatus.map((s) => [x.textCell(s.status), x.countCell(s.households), x.countCell(s.persons),
        x.percentCell(s.share, s.persons)]),
      [x.textCell('合计'), x.countCell(r.registered.households), x.countCell(r.registered.persons), x.textCell('100.0%')],
    ],
    koujing: [...koujingLines(r.koujing), `贫困村 ${r.poorVillages} 个，已出列 ${r.poorVillagesDelisted} 个。`],
  };
}

export function incomeTable(f: ReportFigures, x: ReportFormatter): ReportTable {
  const years = f.income.groups[0]?.crossSection?.byYear ?? [];
  return {
    kind: 'table', id: '人均纯收入', title: '脱贫户人均纯收入及构成（截面，元/人）',
    columns: [col('年度', 'text'), col('户数（户）', 'integer'), col('人口（人）', 'integer'), col('人均纯收入', 'yuan'),
      col('中位数', 'yuan'), col('工资性', 'yuan'), col('净经营性', 'yuan'), col('财产性', 'yuan'), col('转移性', 'yuan'),
      col('其中兜底性', 'yuan'), col('比上年增长', 'percent')],
    rows: years.map((y) => [x.textCell(String(y.year)), x.countCell(y.households), x.countCell(y.persons),
      x.yuanCell(y.perCapita, y.persons), x.yuanCell(y.medianPerCapita, y.persons), x.yuanCell(y.wage, y.persons),
      x.yuanCell(y.netBusiness, y.persons), x.yuanCell(y.property, y.persons), x.yuanCell(y.transfer, y.persons),
      x.yuanCell(y.support, y.persons), x.percentCell(y.yoy, y.persons)]),
    koujing: koujingLines(f.income.koujing),
  };
}

export function townshipIncomeTable(f: ReportFigures, x: ReportFormatter): ReportTable {
  const ranked = townshipsRanked(f);
  return {
    kind: 'table', id: '乡镇收入排序', title: '各乡镇脱贫户人均纯收入排序（截面，末年）',
    columns: [col('位次', 'integer'), col('乡镇', 'text'), col('人口（人）', 'integer'), col('人均纯收入（元）', 'yuan'), col('年均增长', 'percent')],
    rows: ranked.map((t, i) => [{ value: i + 1, text: String(i + 1), suppressed: false }, x.textCell(t.township),
      x.countCell(t.persons), x.yuanCell(t.perCapita, t.persons), x.percentCell(t.cagr, t.persons)]),
    koujing: koujingLines(f.townshipIncome.koujing),
  };
}

export function exitMethodTable(f: ReportFigures, x: ReportFormatter): ReportTable {
  const methodCells = (a: Record<string, { persons: number }>): TableCell[] =>
    INCOME_METHODS.map((m) => x.countCell(a[m]?.persons ?? 0));
  const total = f.exits.attribution.income;
  return {
    kind: 'table', id: '脱贫方式', title: '分年度脱贫方式（收入法，人）',
    columns: [col('年度', 'text'), col('户次', 'integer'), ...INCOME_METHODS.map((m) => col(m, 'integer')), col('兜底占比', 'percent')],
    rows: [
      ...f.exits.byYear.map((y) => {
        const persons = Object.values(y.attribution.income).reduce((s, v) => s + v.persons, 0);
        return [x.textCell(String(y.year)), x.countCell(y.events), ...methodCells(y.attribution.income),
          x.percentCell(y.attribution.income['兜底保障']?.share ?? null, persons)];
      }),
      [x.textCell('合计'), x.countCell(f.exits.totals.events), ...methodCells(total), x.percentCell(f.exits.headline.supportShare)],
    ],
    koujing: [...koujingLines(f.exits.koujing), '收入法：见口径说明；户次为脱贫事件数，人口按事件计。'],
  };
}

export function townshipExitTable(f: ReportFigures, x: ReportFormatter): ReportTable {
  return {
    kind: 'table', id: '乡镇兜底占比', title: '各乡镇脱贫中兜底保障的比重（收入法）',
    columns: [col('乡镇', 'text'), col('脱贫户次', 'integer'), col('脱贫人口（人）', 'integer'), col('兜底保障（人）', 'integer'), col('兜底占比', 'percent')],
    rows: f.exitTownships.map((t) => [x.textCell(t.township), x.countCell(t.events), x.countCell(t.persons),
      x.countCell(t.supportPersons), x.percentCell(t.supportShare, t.supportPersons)]),
    koujing: koujingLines(f.exits.koujing),
  };
}

export function returnsTable(f: ReportFigures, x: ReportFormatter): ReportTable {
  return {
    kind: 'table', id: '返贫', title: '分年度返贫情况',
    columns: [col('年度', 'text'), col('返贫户（户）', 'integer'), col('返贫人口（人）', 'integer'), col('分母人口（人）', 'integer'), col('返贫率', 'percent')],
    rows: f.returns.byYear.map((y) => [x.textCell(String(y.year)), x.countCell(y.households), x.countCell(y.persons),
      x.countCell(y.denominatorPersons), x.percentCell(y.rate, y.persons)]),
    koujing: [...koujingLines(f.returns.koujing), '返贫率 = 当年返贫人口 ÷ 上年及以前有过脱贫事件的户的人口。'],
  };
}

export function returnCauseTable(f: ReportFigures, x: ReportFormatter): ReportTable {
  return {
    kind: 'table', id: '返贫原因', title: '返贫原因（按人口排序）',
    columns: [col('返贫原因', 'text'), col('户（户·年）', 'integer'), col('人口（人）', 'integer'), col('占返贫人口', 'percent')],
    rows: Object.entries(f.returns.causeDistribution).map(([c, v]) => [
      x.textCell(c), x.countCell(v.households), x.countCell(v.persons), x.percentCell(v.share, v.persons),
    ]),
    koujing: koujingLines(f.returns.koujing),
  };
}

export function monitoringTable(f: ReportFigures, x: ReportFormatter): ReportTable {
  const m = f.monitoring;
  return {
    kind: 'table', id: '监测对象', title: '防返贫监测对象分类别',
    columns: [col('类别', 'text'), col('户数（户）', 'integer'), col('人口（人）', 'integer')],
    rows: [
      ...Object.entries(m.byCategory).map(([c, v]) => [
        x.textCell(c), x.countCell(v.households), x.countCell(v.persons),
      ]),
      [x.textCell('合计'), x.countCell(m.identified.households), x.countCell(m.identified.persons)],
      [x.textCell('其中：风险已消除'), x.countCell(m.eliminated.households), x.countCell(m.eliminated.persons)],
    ],
    koujing: koujingLines(m.koujing),
  };
}

/**
 * Internal mode only: the exited households whose income fell below the line, by household code and
 * the masked 户主证件号 (region + last two, as stored), with which the office matches the paper file.
 */
export function incomeRiskListTable(f: ReportFigures, x: ReportFormatter): ReportTable {
  return {
    kind: 'table', id: '收入低于标准户（内部）', title: '已脱贫户人均纯收入低于标准名单（内部，不得外传）',
    columns: [col('户编号', 'text'), col('户主证件号（脱敏）', 'text'), col('乡镇', 'text'), col('行政村', 'text'),
      col('年度', 'text'), col('人口（人）', 'integer'), col('人均纯收入（元）', 'yuan'), col('标准（元）', 'yuan'),
      col('已记录返贫', 'text')],
    rows: f.returns.incomeRisk.list.map((r) => [x.textCell(r.householdCode), x.textCell(r.headIdMasked ?? '—'),
      x.textCell(r.township), x.textCell(r.village), x.textCell(String(r.year)), x.countCell(r.persons),
      x.yuanCell(r.perCapita), x.yuanCell(r.line), x.textCell(r.returnRecorded ? '是' : '否')]),
    koujing: [...koujingLines(f.returns.koujing), `名单按年度、户排序，最多列出 ${f.returns.incomeRisk.list.length} 户（共 ${f.returns.incomeRisk.total} 户·年）。`],
  };
}
