import type { Db } from '../db/database';
import { INCOME_COLUMNS } from '../db/queries/evaluationCompareQueries';
import { drillRows, memberDifference, pairEventDiffs, pairIncomeDiffs, type DrillRow } from '../db/queries/evaluationDrillQueries';
import {
  CHANGE_LABELS, INCOME_FIELD_LABELS, PRESENCE_LABELS, type CompareHousehold, type CompareHouseholdsRequest,
  type CompareHouseholdsResult, type CompareSelection,
} from '../../../shared/api/evaluation';
import { resolvePair, type SnapshotPair } from './snapshotPair';

const DEFAULT_LIMIT = 2000;

function shown(v: string | number | null): string {
  return v === null ? '空' : String(v);
}

function yesNo(v: number | null): string {
  return v === null ? '空' : v === 1 ? '是' : '否';
}

/** Old → new of every field of the record that differs, members included. */
function recordDetail(db: Db, r: DrillRow): string[] {
  const parts: string[] = [];
  if (r.statusA !== r.statusB) parts.push(`脱贫状态：${shown(r.statusA)} → ${shown(r.statusB)}`);
  if (r.attributeA !== r.attributeB) parts.push(`${CHANGE_LABELS.attribute}：${shown(r.attributeA)} → ${shown(r.attributeB)}`);
  if (r.causeA !== r.causeB) parts.push(`${CHANGE_LABELS.mainCause}：${shown(r.causeA)} → ${shown(r.causeB)}`);
  if (r.sizeA !== r.sizeB) parts.push(`${CHANGE_LABELS.size}：${shown(r.sizeA)} → ${shown(r.sizeB)}`);
  if (r.categoryA !== r.categoryB) parts.push(`${CHANGE_LABELS.monitoringCategory}：${shown(r.categoryA)} → ${shown(r.categoryB)}`);
  if (r.eliminatedA !== r.eliminatedB) parts.push(`${CHANGE_LABELS.riskEliminated}：${yesNo(r.eliminatedA)} → ${yesNo(r.eliminatedB)}`);
  if (r.a_id !== null && r.b_id !== null) {
    const m = memberDifference(db, r.a_id, r.b_id);
    if (m.added) parts.push(`新增成员 ${m.added} 人`);
    if (m.gone) parts.push(`减少成员 ${m.gone} 人`);
  }
  return parts;
}

/** Old → new of every retroactive edit of one pair. */
function historyDetail(db: Db, r: DrillRow, lastYear: number): string[] {
  if (r.a_id === null || r.b_id === null) return [];
  const parts: string[] = [];
  for (const d of pairIncomeDiffs(db, r.a_id, r.b_id, lastYear)) {
    INCOME_COLUMNS.forEach(([field], k) => {
      const from = d.values[2 * k] ?? null;
      const to = d.values[2 * k + 1] ?? null;
      if (from !== to) parts.push(`${d.year}年${INCOME_FIELD_LABELS[field]}：${shown(from)} → ${shown(to)}`);
    });
  }
  for (const e of pairEventDiffs(db, r.a_id, r.b_id, lastYear)) parts.push(`${e.year}年${e.type}：A 有，B 无`);
  for (const e of pairEventDiffs(db, r.b_id, r.a_id, lastYear)) parts.push(`${e.year}年${e.type}：A 无，B 有`);
  return parts;
}

function detailOf(db: Db, pair: SnapshotPair, selection: CompareSelection, r: DrillRow): string {
  if (r.a_id === null) return '只在 B 中';
  if (r.b_id === null) return '只在 A 中';
  const parts = selection.kind === 'retroactive' ? historyDetail(db, r, pair.asOfYearA) : recordDetail(db, r);
  if (r.codeA !== r.codeB) parts.unshift(`户编号：${shown(r.codeA)} → ${shown(r.codeB)}`);
  return parts.length ? parts.join('；') : '无变化';
}

export function selectionText(selection: CompareSelection): string {
  switch (selection.kind) {
    case 'presence': return PRESENCE_LABELS[selection.presence];
    case 'transition': return `状态 ${selection.from} → ${selection.to}`;
    case 'change': return selection.field === 'any' ? '户信息或成员有变化' : `${CHANGE_LABELS[selection.field]}有变化`;
    case 'retroactive': {
      const what = { income: '历史收入记录被修改', events: '历史状态变化被修改', any: '历史数据被修改' }[selection.what];
      return selection.township === undefined ? what : `${selection.township} · ${what}`;
    }
  }
}

/** The households behind one figure of a comparison, each with what differs (old → new). */
export function compareHouseholds(db: Db, request: CompareHouseholdsRequest): CompareHouseholdsResult {
  const pair = resolvePair(db, request.fromSnapshotId, request.toSnapshotId);
  const limit = request.limit ?? DEFAULT_LIMIT;
  const { total, rows } = drillRows(db, request.selection, pair.asOfYearA, limit);
  const households: CompareHousehold[] = rows.map((r) => ({
    codeA: r.codeA, codeB: r.codeB, township: r.township, village: r.village, headIdMasked: r.headIdMasked,
    statusA: r.statusA, statusB: r.statusB, sizeA: r.sizeA, sizeB: r.sizeB,
    detail: detailOf(db, pair, request.selection, r),
  }));
  return {
    total,
    households,
    koujing: `快照 #${pair.a.id} → #${pair.b.id}；${selectionText(request.selection)}：共 ${total} 户`
      + `${total > households.length ? `，列出前 ${households.length} 户` : ''}；证件号码只显示遮蔽后的形式。`,
  };
}
