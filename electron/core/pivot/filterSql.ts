import type { CheckedFilter, CheckedFilterValue } from '../../../shared/semantic/specCheck';
import type { PivotDictionary } from './facts/dictionary';
import { columnOf, marks, type SqlPart, type SqlParam } from './sqlParts';

export interface CompiledFilter {
  readonly part: SqlPart;
  /** Values that match nothing in this snapshot (said in the 口径, not refused: a filter may be saved for later data). */
  readonly unknown: readonly string[];
}

function codesOf(filter: CheckedFilter, dictionary: PivotDictionary): {
  codes: SqlParam[]; unknown: string[]; hasNull: boolean;
} {
  const d = filter.dimension;
  const codes = new Set<number>();
  const unknown: string[] = [];
  let hasNull = false;
  for (const v of filter.values as readonly CheckedFilterValue[]) {
    if (v === null) hasNull = true;
    else if (typeof v === 'number') codes.add(v);
    else {
      const found = dictionary.get(d.key)?.byText.get(v);
      if (found && found.length) for (const c of found) codes.add(c);
      else unknown.push(v);
    }
  }
  return { codes: [...codes].sort((a, b) => a - b), unknown, hasNull };
}

/**
 * One filter as a WHERE condition on the fact column: labels become dictionary codes, years stay
 * numbers, every value is bound. A blank (null) is its own value: `in` with a blank keeps blanks,
 * `notIn` without one keeps them too (a blank is not one of the listed values).
 */
export function compileFilter(filter: CheckedFilter, dictionary: PivotDictionary): CompiledFilter {
  const column = columnOf(filter.dimension);
  switch (filter.op) {
    case 'isNull': return { part: { sql: `${column} IS NULL`, params: [] }, unknown: [] };
    case 'notNull': return { part: { sql: `${column} IS NOT NULL`, params: [] }, unknown: [] };
    case 'between': {
      const [from, to] = filter.values as [number, number];
      return { part: { sql: `${column} BETWEEN ? AND ?`, params: [from, to] }, unknown: [] };
    }
    case 'in': {
      const { codes, unknown, hasNull } = codesOf(filter, dictionary);
      const parts = [codes.length ? `${column} IN (${marks(codes.length)})` : null, hasNull ? `${column} IS NULL` : null].filter((p) => p !== null);
      return { part: { sql: parts.length ? `(${parts.join(' OR ')})` : '1 = 0', params: codes }, unknown };
    }
    case 'notIn': {
      const { codes, unknown, hasNull } = codesOf(filter, dictionary);
      const notListed = codes.length ? `${column} NOT IN (${marks(codes.length)})` : null;
      if (hasNull) return { part: { sql: notListed ? `(${column} IS NOT NULL AND ${notListed})` : `${column} IS NOT NULL`, params: codes }, unknown };
      return { part: { sql: notListed ? `(${column} IS NULL OR ${notListed})` : '1 = 1', params: codes }, unknown };
    }
  }
}
