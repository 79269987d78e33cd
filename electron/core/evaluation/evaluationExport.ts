import type { Db } from '../db/database';
import { createDelivery } from '../delivery/deliveries';
import type { ServiceContext } from '../service/context';
import type { Delivery } from '../../../shared/api/delivery';
import {
  CHANGE_LABELS, INCOME_FIELD_LABELS, PRESENCE_KINDS, PRESENCE_LABELS, SIGNALS, SIGNAL_LABELS, type SignalsRequest,
} from '../../../shared/api/evaluation';
import { compareFigures } from './compareFigures';
import { compareHouseholds } from './compareHouseholds';
import { compareSnapshots } from './compareSnapshots';
import { writeEvaluationWorkbook, type SheetSpec } from './evaluationWorkbook';
import { signalsOf } from './signals';

const ALL = 100_000;
const INT = '#,##0';
const YUAN = '#,##0.00';

/** The comparison of A and B as sheets: summary, transition matrix, change ledger, retroactive edits, figures. */
export function comparisonSheets(db: Db, req: { fromSnapshotId: number; toSnapshotId: number }): SheetSpec[] {
  const c = compareSnapshots(db, { ...req, listLimit: null });
  const k = c.koujing;
  const title = `跨期对比：${c.from.county} 快照 #${c.from.id}（${c.from.asOf}）→ #${c.to.id}（${c.to.asOf}）`;
  const summary: (string | number)[][] = [
    ...PRESENCE_KINDS.map((p) => ['户的存续', PRESENCE_LABELS[p], c.households[p], '户']),
    ...(['attribute', 'mainCause', 'size', 'monitoringCategory', 'riskEliminated'] as const)
      .map((f) => ['记录变化', CHANGE_LABELS[f], c.changes[f], '户']),
    ['记录变化', CHANGE_LABELS.membersAdded, c.changes.membersAdded, '人'],
    ['记录变化', CHANGE_LABELS.membersGone, c.changes.membersGone, '人'],
    ['历史数据修改', '收入记录', c.retroactive.incomeRows, '条'],
    ['历史数据修改', '收入项', c.retroactive.incomeEdits, '项'],
    ['历史数据修改', '状态变化', c.retroactive.events, '条'],
    ['历史数据修改', '涉及户数', c.retroactive.households, '户'],
  ];
  const rowsOf = [...c.statuses, '新增'];
  const colsOf = [...c.statuses, '消失'];
  const cell = (from: string, to: string, unit: 'households' | 'persons'): number =>
    c.transitions.find((t) => t.from === from && t.to === to)?.[unit] ?? 0;
  const matrix = (unit: 'households' | 'persons'): (string | number)[][] =>
    rowsOf.map((from) => [unit === 'households' ? '户' : '人', from, ...colsOf.map((to) => cell(from, to, unit))]);
  const ledger = compareHouseholds(db, { ...req, selection: { kind: 'change', field: 'any' }, limit: ALL });
  const figures = compareFigures(db, req);
  return [
    { name: '概况', title, koujing: k, columns: [{ header: '类别', width: 14 }, { header: '项目', width: 30 }, { header: '数量', numFmt: INT }, { header: '单位', width: 8 }], rows: summary },
    {
      name: '状态转移', title: `${title} · 状态转移（行：A 的脱贫状态，列：B 的脱贫状态）`, koujing: k,
      columns: [{ header: '单位', width: 8 }, { header: 'A \\ B', width: 22 }, ...colsOf.map((s) => ({ header: s, numFmt: INT, width: 16 }))],
      rows: [...matrix('households'), ...matrix('persons')],
    },
    {
      name: '变化明细', title: `${title} · 户信息与成员变化`, koujing: [...k, ledger.koujing],
      columns: [{ header: 'A 户编号', width: 22 }, { header: 'B 户编号', width: 22 }, { header: '乡镇' }, { header: '行政村' },
        { header: '户主证件号（已脱敏）', width: 22 }, { header: '变化（旧 → 新）', width: 80 }],
      rows: ledger.households.map((h) => [h.codeA, h.codeB, h.township, h.village, h.headIdMasked, h.detail]),
    },
    {
      name: '历史收入修改', title: `${title} · 历史收入记录的修改`, koujing: k,
      columns: [{ header: '户编号', width: 22 }, { header: '乡镇' }, { header: '行政村' }, { header: '年度', width: 8 }, { header: '项目', width: 18 },
        { header: 'A（原值）', numFmt: YUAN }, { header: 'B（新值）', numFmt: YUAN }],
      rows: c.lists.retroactiveIncome.map((e) => [
        e.household, e.township, e.village, e.year, INCOME_FIELD_LABELS[e.field], e.from, e.to,
      ]),
    },
    {
      name: '历史状态变化修改', title: `${title} · 历史状态变化的修改`, koujing: k,
      columns: [{ header: '户编号', width: 22 }, { header: '乡镇' }, { header: '行政村' }, { header: '年度', width: 8 }, { header: '变化类型' }, { header: '出现在', width: 12 }],
      rows: c.lists.retroactiveEvents.map((e) => [e.household, e.township, e.village, e.year, e.type, e.change === 'onlyInA' ? '只在 A' : '只在 B']),
    },
    {
      name: '消失与改号', title: `${title} · 消失的户与改号的户`, koujing: k,
      columns: [{ header: '类别' }, { header: 'A 户编号', width: 22 }, { header: 'B 户编号', width: 22 }],
      rows: [...c.lists.vanished.map((v) => ['消失', v, null]), ...c.lists.renumbered.map((r) => ['改号', r.from, r.to])],
    },
    {
      name: '指标对照', title: `${title} · 标准指标两期对照`, koujing: figures.koujing,
      columns: [{ header: '部分' }, { header: '指标', width: 20 }, { header: '年度', width: 8 }, { header: '单位', width: 8 },
        { header: 'A', numFmt: YUAN }, { header: 'B', numFmt: YUAN }, { header: '差值（B − A）', numFmt: YUAN }],
      rows: figures.rows.map((f) => [f.section, f.figure, f.year, f.unit, f.a, f.b, f.difference]),
    },
  ];
}

/** The signals as sheets: by year and township, bunching, histogram, flagged exits with reasons. */
export function signalSheets(db: Db, req: SignalsRequest): SheetSpec[] {
  const s = signalsOf(db, { ...req, listLimit: null });
  const title = `收入测算核查：${s.snapshot.county} 快照 #${s.snapshot.id}（${s.snapshot.asOf}）`;
  const k = [s.koujing.filterText, `标准：${s.koujing.lineSet.label}`, ...s.koujing.notes];
  return [
    {
      name: '信号汇总', title, koujing: k,
      columns: [{ header: '脱贫年度', width: 10 }, { header: '乡镇' }, { header: '脱贫户次', numFmt: INT }, { header: '有收入记录', numFmt: INT },
        ...SIGNALS.map((x) => ({ header: `${x} ${SIGNAL_LABELS[x]}`, numFmt: INT })), { header: '任一信号', numFmt: INT }],
      rows: s.byArea.map((r) => [r.year, r.township ?? '全县', r.exits, r.judged, r.S1, r.S2, r.S3, r.S4, r.S5, r.any]),
    },
    {
      name: '聚集比', title: `${title} · 贫困线附近的聚集`, koujing: k,
      columns: [{ header: '年度', width: 8 }, { header: '乡镇' }, { header: '标准（元）', numFmt: INT }, { header: '线上（户）', numFmt: INT },
        { header: '线下（户）', numFmt: INT }, { header: '聚集比', numFmt: '0.00' }],
      rows: s.bunching.map((b) => [b.year, b.township ?? '全县', b.line, b.above, b.below, b.ratio]),
    },
    {
      name: '分布', title: `${title} · 人均纯收入 ÷ 标准 的分布（全县）`, koujing: k,
      columns: [{ header: '年度', width: 8 }, { header: 'p/L 自' }, { header: 'p/L 至' }, { header: '户数', numFmt: INT }],
      rows: s.histogram.flatMap((h) => h.bins.map((b) => [h.year, b.from, b.to, b.households])),
    },
    {
      name: '触发信号的脱贫', title: `${title} · 触发信号的脱贫（户次）`, koujing: k,
      columns: [{ header: '户编号', width: 22 }, { header: '乡镇' }, { header: '行政村' }, { header: '户主证件号（已脱敏）', width: 22 },
        { header: '脱贫年度', width: 10 }, { header: '标准（元）', numFmt: INT }, { header: '人均纯收入（元）', numFmt: YUAN },
        { header: '信号', width: 16 }, { header: '原因', width: 90 }],
      rows: s.households.map((h) => [h.household, h.township, h.village, h.headIdMasked, h.exitYear, h.line,
        h.perCapita,
        h.signals.join('、'), h.reasons.join('；')]),
    },
  ];
}

export async function exportComparison(
  ctx: ServiceContext, req: { fromSnapshotId: number; toSnapshotId: number },
): Promise<Delivery> {
  const sheets = comparisonSheets(ctx.db, req);
  return createDelivery(ctx.workDir, `跨期对比_快照${req.fromSnapshotId}至${req.toSnapshotId}.xlsx`, (path) => writeEvaluationWorkbook(path, sheets));
}

export async function exportSignals(ctx: ServiceContext, req: SignalsRequest): Promise<Delivery> {
  const sheets = signalSheets(ctx.db, req);
  const id = req.snapshotId ?? signalsOf(ctx.db, { ...req, listLimit: 1 }).snapshot.id;
  return createDelivery(ctx.workDir, `收入测算核查_快照${id}.xlsx`, (path) => writeEvaluationWorkbook(path, sheets));
}
