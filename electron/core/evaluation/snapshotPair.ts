import type { Db } from '../db/database';
import { getSnapshot, type SnapshotRecord } from '../db/snapshotRepo';
import { ensureMatch, matchStamp } from '../db/queries/evaluationMatch';
import type { SnapshotRef } from '../../../shared/api/evaluation';
import { Refusal } from '../refusal';

/** Two snapshots of one county, A older than B, with their households paired (evaluation.md §1). */
export interface SnapshotPair {
  readonly a: SnapshotRecord;
  readonly b: SnapshotRecord;
  /** A's as-of year: income rows and events up to it are history that B should not rewrite. */
  readonly asOfYearA: number;
}

export function snapshotRef(s: SnapshotRecord): SnapshotRef {
  return { id: s.id, county: s.countyName, countyCode: s.countyCode, asOf: s.asOf };
}

export function describeSnapshot(s: SnapshotRecord): string {
  return `快照 #${s.id}（${s.countyName}，截至 ${s.asOf}）`;
}

/**
 * Checks that A and B can be compared — two different snapshots of the same county (same county
 * code, or the same name where a code is missing), A not newer than B — and pairs their households.
 */
export function resolvePair(db: Db, fromId: number, toId: number): SnapshotPair {
  if (fromId === toId) throw new Refusal('invalid_request', `不能把快照 #${fromId} 与它自身比较：请选择同一县的另一个快照作为对比期。`);
  const a = getSnapshot(db, fromId);
  if (!a) throw new Refusal('not_found', `没有找到快照 #${fromId}（基期）`);
  const b = getSnapshot(db, toId);
  if (!b) throw new Refusal('not_found', `没有找到快照 #${toId}（对比期）`);
  const sameCounty = a.countyCode !== null && b.countyCode !== null ? a.countyCode === b.countyCode
    : a.countyName === b.countyName;
  if (!sameCounty) {
    const code = (s: SnapshotRecord): string => (s.countyCode ? `，代码 ${s.countyCode}` : '');
    throw new Refusal('invalid_request',
      `只能比较同一个县的两个快照：快照 #${a.id} 是${a.countyName}${code(a)}，快照 #${b.id} 是${b.countyName}${code(b)}。`);
  }
  if (a.asOf > b.asOf) {
    throw new Refusal('invalid_request',
      `基期应早于对比期：${describeSnapshot(a)}晚于${describeSnapshot(b)}。请交换两者（--from ${b.id} --to ${a.id}）。`);
  }
  ensureMatch(db, a.id, b.id, matchStamp(a, b));
  return { a, b, asOfYearA: Number(a.asOf.slice(0, 4)) };
}

/** The 口径 lines every figure of a comparison shares. */
export function pairKoujing(pair: SnapshotPair): string[] {
  const { a, b, asOfYearA } = pair;
  return [
    `基期 A：${describeSnapshot(a)}；对比期 B：${describeSnapshot(b)}。`,
    '户按户编号对应；A 的户编号在 B 中不存在、而其户主证件号码（按哈希比对，不显示号码）在 B 中作为户主出现的，视为同一户并记为“改号”。',
    `“新增”为只在 B 中的户，B 记有 ${asOfYearA} 年以后的识别或纳入监测（状态变化或户信息中的年度）的算作有说明；`
      + '“消失”为只在 A 中的户，A 已标为自然减少或清退的算作有说明，其余为“去向不明”。',
    '状态转移矩阵的人数为 B 中的家庭人口数（消失的户为 A 中的家庭人口数）；成员按证件号码哈希对应。',
    `历史数据修改：两期都有的户，${asOfYearA} 年及以前的收入记录中任一收入项或家庭人口数不同（条），`
      + `以及 ${asOfYearA} 年及以前的状态变化只在一期出现的（条）。`,
  ];
}
