import type { DimensionDef } from '../../../shared/semantic/types';
import { HOUSEHOLD_DIM_COLUMNS, PERSON_DIM_COLUMNS } from './facts/factColumns';

export type SqlParam = number | string;

/** A piece of SQL with its bound values. Values never enter the text. */
export interface SqlPart {
  readonly sql: string;
  readonly params: readonly SqlParam[];
}

const FACT_DIMENSION_COLUMNS: ReadonlySet<string> = new Set<string>([...HOUSEHOLD_DIM_COLUMNS, ...PERSON_DIM_COLUMNS, 'year']);

/**
 * The column of a catalogue dimension, checked against the fact tables' own list: the only way an
 * identifier enters a pivot query.
 */
export function columnOf(d: DimensionDef): string {
  if (!FACT_DIMENSION_COLUMNS.has(d.column)) throw new Error(`catalogue column ${d.column} is not a pivot fact column`);
  return d.column;
}

export function marks(n: number): string {
  return new Array(n).fill('?').join(', ');
}
