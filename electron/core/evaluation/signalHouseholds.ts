import type { Db } from '../db/database';
import { withMappedReads } from '../db/mappedReads';
import { bandRows, flaggedRows, scaled } from '../db/queries/evaluationSignalQueries';
import { lineForYear } from '../../../shared/domain/povertyLines';
import { SIGNAL_LABELS, type SignalHouseholdsRequest, type SignalHouseholdsResult } from '../../../shared/api/evaluation';
import { flaggedExit, prepareSignals } from './signals';
import { Refusal } from '../refusal';

const DEFAULT_LIMIT = 2000;

/** The households behind one signal figure (a signal of a year and township) or one band of p/L. */
export function signalHouseholds(db: Db, request: SignalHouseholdsRequest): SignalHouseholdsResult {
  return withMappedReads(db, () => householdsOf(db, request));
}

function householdsOf(db: Db, request: SignalHouseholdsRequest): SignalHouseholdsResult {
  const { scope, thresholds } = prepareSignals(db, request);
  const limit = request.limit ?? DEFAULT_LIMIT;
  const sel = request.selection;
  const where = (year: number | undefined, township: string | undefined): string =>
    [year === undefined ? '各年度' : `${year} 年`, township ?? '全县'].join('，');
  if (sel.kind === 'signal') {
    const { total, rows } = flaggedRows(db, { signal: sel.signal, year: sel.year, township: sel.township }, limit);
    const label = sel.signal === 'any' ? '任一信号' : `${sel.signal} ${SIGNAL_LABELS[sel.signal]}`;
    return {
      total,
      exits: rows.map((r) => flaggedExit(r, thresholds)),
      band: [],
      koujing: `快照 #${scope.snapshot.id}；${where(sel.year, sel.township)}；${label}：共 ${total} 户次`
        + `${total > rows.length ? `，列出前 ${rows.length} 户次` : ''}；证件号码只显示遮蔽后的形式。`,
    };
  }
  const line = lineForYear(scope.lines, sel.year);
  if (line === null) throw new Refusal('invalid_request', `标准“${scope.lineSet}”没有 ${sel.year} 年的贫困线，无法按 p/L 区间列出。`);
  if (!(sel.fromRatio < sel.toRatio)) throw new Refusal('invalid_request', `区间有误：下限 ${sel.fromRatio} 应小于上限 ${sel.toRatio}`);
  const { total, rows } = bandRows(
    db, scope.snapshot.id, sel.year, scaled(sel.fromRatio, line), scaled(sel.toRatio, line), sel.township, limit,
  );
  return {
    total,
    exits: [],
    band: rows.map((r) => ({
      household: r.code, township: r.township, village: r.village, headIdMasked: r.head_id_masked, status: r.status,
      year: r.year, perCapita: r.p, line: r.line, size: r.size,
    })),
    koujing: `快照 #${scope.snapshot.id}；${where(sel.year, sel.township)}；户类型为脱贫户、人均纯收入在 [${sel.fromRatio}L, ${sel.toRatio}L)`
      + `（L = ${line} 元）：共 ${total} 户${total > rows.length ? `，列出前 ${rows.length} 户` : ''}；证件号码只显示遮蔽后的形式。`,
  };
}
