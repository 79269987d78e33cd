import type { Db } from '../db/database';
import { standardMetrics } from '../metrics/standard';
import type { StandardMetrics } from '../../../shared/api/standardMetrics';
import type { CompareFiguresResult, FigureRow } from '../../../shared/api/evaluation';
import { pairKoujing, resolvePair, snapshotRef } from './snapshotPair';

interface FigureSpec<T> {
  readonly section: string;
  readonly figure: string;
  readonly unit: string;
  readonly rows: (m: StandardMetrics) => readonly T[];
  readonly year: (r: T) => number;
  readonly value: (r: T) => number | null;
}

type AnySpec = FigureSpec<{ year: number }>;

function spec<T extends { year: number }>(s: Omit<FigureSpec<T>, 'year'>): AnySpec {
  const full: FigureSpec<T> = { ...s, year: (r: T) => r.year };
  return full as unknown as AnySpec;
}

const flowRows = (unit: 'households' | 'persons') => (m: StandardMetrics) => m.flows.filter((f) => f.unit === unit);

/** The figures set side by side: one declarative table, each read from the standard metric set. */
const FIGURES: readonly AnySpec[] = [
  spec({ section: '收入', figure: '人均纯收入', unit: '元/人', rows: (m) => m.income.byYear, value: (r) => r.perCapita }),
  spec({ section: '收入', figure: '人均纯收入中位数', unit: '元/人', rows: (m) => m.income.byYear, value: (r) => r.medianPerCapita }),
  spec({ section: '收入', figure: '有收入记录的户数', unit: '户', rows: (m) => m.income.byYear, value: (r) => r.households }),
  spec({ section: '收入', figure: '收入记录人口', unit: '人', rows: (m) => m.income.byYear, value: (r) => r.persons }),
  spec({ section: '脱贫', figure: '脱贫户数', unit: '户', rows: (m) => m.exits.byYear, value: (r) => r.households }),
  spec({ section: '脱贫', figure: '脱贫人口', unit: '人', rows: (m) => m.exits.byYear, value: (r) => r.persons }),
  spec({ section: '返贫', figure: '返贫户数', unit: '户', rows: (m) => m.returns.byYear, value: (r) => r.households }),
  spec({ section: '返贫', figure: '返贫人口', unit: '人', rows: (m) => m.returns.byYear, value: (r) => r.persons }),
  spec({ section: '返贫', figure: '返贫率', unit: '比率', rows: (m) => m.returns.byYear, value: (r) => r.rate }),
  spec({ section: '动态调整', figure: '年末未脱贫户', unit: '户', rows: flowRows('households'), value: (r) => r.end }),
  spec({ section: '动态调整', figure: '当年新识别户', unit: '户', rows: flowRows('households'), value: (r) => r.identified }),
  spec({ section: '动态调整', figure: '当年自然减少户', unit: '户', rows: flowRows('households'), value: (r) => r.naturalDecrease }),
  spec({ section: '动态调整', figure: '当年清退户', unit: '户', rows: flowRows('households'), value: (r) => r.removed }),
];

/**
 * The standard metrics of A and B for the years both cover, with B − A: a figure reported from
 * last year's export can be seen changing. Both sides come from the metrics engine (standardMetrics),
 * nothing is recomputed here.
 */
export function compareFigures(
  db: Db, request: { fromSnapshotId: number; toSnapshotId: number },
): CompareFiguresResult {
  const pair = resolvePair(db, request.fromSnapshotId, request.toSnapshotId);
  const metricsA = standardMetrics(db, { snapshotId: pair.a.id });
  const metricsB = standardMetrics(db, { snapshotId: pair.b.id });
  const rows: FigureRow[] = [];
  const allYears = new Set<number>();
  for (const f of FIGURES) {
    const a = new Map(f.rows(metricsA).map((r) => [f.year(r), f.value(r)]));
    const b = new Map(f.rows(metricsB).map((r) => [f.year(r), f.value(r)]));
    for (const year of [...a.keys()].filter((y) => b.has(y)).sort((x, y) => x - y)) {
      const va = a.get(year) ?? null;
      const vb = b.get(year) ?? null;
      allYears.add(year);
      rows.push({
        section: f.section, figure: f.figure, year, unit: f.unit, a: va, b: vb,
        difference: va === null || vb === null ? null : vb - va,
      });
    }
  }
  return {
    from: snapshotRef(pair.a),
    to: snapshotRef(pair.b),
    years: [...allYears].sort((x, y) => x - y),
    rows,
    koujing: [
      ...pairKoujing(pair).slice(0, 1),
      `两期各自按标准指标口径计算（A 用标准“${metricsA.lineSet.label}”，B 用标准“${metricsB.lineSet.label}”），只列两期都有的年度；差值 = B − A。`,
      ...metricsA.koujing.notes.map((n) => `A：${n}`),
    ],
    metricsA,
    metricsB,
  };
}
