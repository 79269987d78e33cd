import type { CheckedSpec } from '../../../shared/semantic/specCheck';

/**
 * A level of the result: the first `rows` row dimensions and the first `cols` column dimensions
 * are kept, the others summed over ("all"). The cells are level (rowDims, colDims); the grand total
 * is (0, 0); a row's total across columns is (rowDims, 0), a column's total down the rows is
 * (0, colDims).
 */
export interface Level {
  readonly rows: number;
  readonly cols: number;
}

export function levelId(l: Level): string {
  return `${l.rows}:${l.cols}`;
}

/** The levels a spec needs: the cells, the totals it shows, and the denominators of its shares and sorts. */
export function neededLevels(spec: CheckedSpec): Level[] {
  const rowDims = spec.rows.length;
  const colDims = spec.columns.length;
  const out = new Map<string, Level>();
  const add = (rows: number, cols: number): void => {
    out.set(levelId({ rows, cols }), { rows, cols });
  };
  add(rowDims, colDims);
  if (spec.totals) for (let k = 0; k <= rowDims; k++) for (let j = 0; j <= colDims; j++) add(k, j);
  const valueKeys = new Set(spec.values.map((v) => v.key));
  if (spec.sort.some((s) => valueKeys.has(s.field))) for (let k = 1; k <= rowDims; k++) add(k, 0);
  if (spec.topN) add(spec.topN.level + 1, 0);
  // Each level's shares need their denominators, which are levels of their own (closed after one pass).
  for (const l of [...out.values()]) {
    for (const v of spec.values) {
      if (v.share === 'grand') add(0, 0);
      else if (v.share === 'row') add(l.rows, 0);
      else if (v.share === 'column') add(0, l.cols);
    }
  }
  return [...out.values()];
}
