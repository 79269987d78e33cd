import type { Db } from '../db/database';
import { withMappedReads } from '../db/mappedReads';
import {
  bunchingRows, ensureSignalTable, flaggedRows, histogramRows, scaled, signalHouseholdTotals, signalsByArea,
  type BunchingSqlRow, type FlaggedRow, type HistogramBin, type LineLimit, type SignalAreaRow,
} from '../db/queries/evaluationSignalQueries';
import { lineForYear } from '../../../shared/domain/povertyLines';
import {
  SIGNALS, SIGNAL_LABELS, type BunchingRow, type FlaggedExit, type Signal, type SignalThresholds, type SignalsRequest,
  type SignalsResult,
} from '../../../shared/api/evaluation';
import { POPULATIONS, makeKoujing } from '../metrics/koujing';
import { resolveScope, type MetricScope } from '../metrics/scope';
import { getThresholds, thresholdsText } from './thresholds';

const DEFAULT_LIST_LIMIT = 2000;
/** Histogram of p / L: bins of 0.02 from 0.8 to 1.4, as ratios (the drill of a bin asks for the same two). */
const BIN_EDGES = Array.from({ length: 30 }, (_, k) => ({
  from: Number((0.8 + 0.02 * k).toFixed(2)),
  to: Number((0.8 + 0.02 * (k + 1)).toFixed(2)),
}));

/** The signal table of a scope under the stored thresholds (built once per snapshot, line values and thresholds). */
export function prepareSignals(db: Db, request: { snapshotId?: number | undefined; lineSet?: string | undefined }):
  { scope: MetricScope; thresholds: SignalThresholds } {
  const scope = resolveScope(db, {
    ...(request.snapshotId !== undefined ? { snapshotId: request.snapshotId } : {}),
    ...(request.lineSet !== undefined ? { lineSet: request.lineSet } : {}),
  });
  const thresholds = getThresholds(db);
  const lines: LineLimit[] = [];
  for (const l of scope.lines) {
    const line = lineForYear(scope.lines, l.year);
    if (line !== null) lines.push({ year: l.year, line });
  }
  const bins: HistogramBin[] = lines.flatMap((l) =>
    BIN_EDGES.map((e, bin) => ({ year: l.year, bin, lo: scaled(e.from, l.line), hi: scaled(e.to, l.line) })));
  const s = scope.snapshot;
  const stamp = JSON.stringify([s.id, s.sourceSha256, s.importedAt, scope.lineSet, lines, thresholds]);
  ensureSignalTable(db, s.id, lines, bins, thresholds, stamp);
  return { scope, thresholds };
}

function yuan(v: number): string {
  return v.toFixed(2).replace(/\.00$/, '');
}

/** One flagged exit with its reasons in words. */
export function flaggedExit(r: FlaggedRow, t: SignalThresholds): FlaggedExit {
  const signals: Signal[] = SIGNALS.filter((s) => r[s.toLowerCase() as 's1'] === 1);
  const reasons = signals.map((s) => {
    const L = r.line === null ? '—' : yuan(r.line);
    switch (s) {
      case 'S1': return `S1 ${SIGNAL_LABELS.S1}：人均纯收入 ${yuan(r.p)} 元在 [${L}, ${t.nearLine}×${L}) 之内`;
      case 'S2': return `S2 ${SIGNAL_LABELS.S2}：扣除转移性收入后人均不足标准 ${L} 元`;
      case 'S3': return `S3 ${SIGNAL_LABELS.S3}：扣除其他转移性收入后人均不足标准 ${L} 元`;
      case 'S4': return `S4 ${SIGNAL_LABELS.S4}：上年 ${yuan(r.p_prev ?? 0)} 元 → 当年 ${yuan(r.p)} 元`
        + (r.p_next === null ? '（无次年记录）' : ` → 次年 ${yuan(r.p_next)} 元`);
      case 'S5': return `S5 ${SIGNAL_LABELS.S5}：同村同年至少 ${t.identical} 户次脱贫的人均纯收入同为 ${r.rp} 元`;
    }
  });
  return {
    household: r.code, township: r.township, village: r.village, headIdMasked: r.head_id_masked, exitYear: r.year,
    line: r.line ?? 0, perCapita: r.p, size: r.size, perCapitaBefore: r.p_prev, perCapitaAfter: r.p_next, signals,
    reasons,
  };
}

function signalKoujing(scope: MetricScope, t: SignalThresholds, years: readonly number[], notes: readonly string[]): SignalsResult['koujing'] {
  return makeKoujing(scope, {
    years,
    population: POPULATIONS.exitEvents,
    lineYears: years,
    notes: [
      thresholdsText(t),
      'p(Y) 为该户 Y 年收入记录的人均纯收入，L 为所用标准的 Y 年贫困线（2021 年起为监测标准）；脱贫当年无收入记录的不作判断（已在脱贫方式中列为无收入记录），'
        + '无标准的年度不判断 S1–S3。',
      '聚集比与分布图的对象为户类型为脱贫户（建档立卡，不论现状态）、当年有收入记录的户。',
      ...notes,
    ],
  });
}

/** The county row of each year (the sum of its townships), then the townships, each with its ratio. */
function bunchingTable(
  rows: readonly BunchingSqlRow[], years: readonly number[], lineOf: ReadonlyMap<number, number>,
): BunchingRow[] {
  const out: BunchingRow[] = [];
  const ratio = (above: number, below: number): number | null => (below > 0 ? above / below : null);
  for (const year of years) {
    const mine = rows.filter((r) => r.year === year).sort((x, y) => x.township.localeCompare(y.township, 'zh-CN'));
    const above = mine.reduce((n, r) => n + r.above, 0);
    const below = mine.reduce((n, r) => n + r.below, 0);
    out.push({ year, township: null, line: lineOf.get(year) ?? 0, above, below, ratio: ratio(above, below) });
    for (const r of mine) out.push({
      year, township: r.township, line: r.line, above: r.above, below: r.below, ratio: ratio(r.above, r.below),
    });
  }
  return out;
}

interface ExitTotals {
  exits: number; judged: number; withoutLine: number; s1: number; s2: number; s3: number; s4: number; s5: number;
  any: number;
}

/**
 * The county's exits (户次) summed from the county row of each year; those judged in a year without a
 * line (no eval_line row: S1–S3 not judged) are the judged of the years `hasLine` says no to.
 */
function exitTotals(area: readonly SignalAreaRow[], hasLine: (year: number) => boolean): ExitTotals {
  const t: ExitTotals = { exits: 0, judged: 0, withoutLine: 0, s1: 0, s2: 0, s3: 0, s4: 0, s5: 0, any: 0 };
  for (const r of area) {
    if (r.township !== null) continue;
    t.exits += r.exits;
    t.judged += r.judged;
    if (!hasLine(r.year)) t.withoutLine += r.judged;
    t.s1 += r.S1;
    t.s2 += r.S2;
    t.s3 += r.S3;
    t.s4 += r.S4;
    t.s5 += r.S5;
    t.any += r.any;
  }
  return t;
}

/**
 * 算账式脱贫 signals S1–S5, bunching ratios and the p/L histogram (evaluation.md §2), the file mapped
 * while they are read (the first call reads most of the snapshot's households and income rows).
 */
export function signalsOf(db: Db, request: SignalsRequest): SignalsResult {
  const started = performance.now();
  return withMappedReads(db, () => computeSignals(db, request, started));
}

function computeSignals(db: Db, request: SignalsRequest, started: number): SignalsResult {
  const { scope, thresholds } = prepareSignals(db, request);
  const limit = request.listLimit === null ? Number.MAX_SAFE_INTEGER : (request.listLimit ?? DEFAULT_LIST_LIMIT);
  const area = signalsByArea(db);
  const totals = { ...exitTotals(area, (y) => lineForYear(scope.lines, y) !== null), ...signalHouseholdTotals(db) };
  // The exit years that have a line: the years of the bunching figures.
  const years = area.filter((a) => a.township === null && lineForYear(scope.lines, a.year) !== null).map((a) => a.year);
  const lineOf = new Map(years.map((y) => [y, lineForYear(scope.lines, y) ?? 0]));

  const bunching = bunchingTable(bunchingRows(db, scope.snapshot.id, years), years, lineOf);

  const hist = histogramRows(db, scope.snapshot.id, years);
  const histogram = years.map((year) => ({
    year,
    line: lineOf.get(year) ?? 0,
    bins: BIN_EDGES.map((e, k) => ({ ...e, households: hist.find((h) => h.year === year && h.bin === k)?.n ?? 0 })),
  }));

  // No list asked for: the total is the count of exits with any signal, already summed.
  const flagged = limit === 0 ? { total: totals.any, rows: [] } : flaggedRows(db, { signal: 'any' }, limit);
  const sig = (e: number, h: number): { exits: number; households: number } => ({ exits: e, households: h });
  const notes: string[] = [];
  if (totals.withoutLine > 0) notes.push(`有 ${totals.withoutLine} 户次脱贫所在年度没有标准值，未判断 S1–S3。`);
  return {
    snapshot: { id: scope.snapshot.id, county: scope.snapshot.countyName, asOf: scope.snapshot.asOf },
    koujing: signalKoujing(scope, thresholds, [...new Set(area.map((a) => a.year))], notes),
    thresholds,
    exits: totals.exits,
    judged: totals.judged,
    withoutIncome: totals.exits - totals.judged,
    withoutLine: totals.withoutLine,
    bySignal: {
      S1: sig(totals.s1, totals.h1), S2: sig(totals.s2, totals.h2), S3: sig(totals.s3, totals.h3),
      S4: sig(totals.s4, totals.h4), S5: sig(totals.s5, totals.h5),
    },
    anySignal: {
      exits: totals.any, households: totals.hAny, share: totals.exits > 0 ? totals.any / totals.exits : null,
    },
    byArea: area,
    bunching,
    histogram,
    households: flagged.rows.map((r) => flaggedExit(r, thresholds)),
    flaggedTotal: flagged.total,
    elapsedMs: performance.now() - started,
  };
}
