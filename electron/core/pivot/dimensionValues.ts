import type { DimensionValues } from '../../../shared/api/pivot';
import { findDimension, validDimensionList } from '../../../shared/semantic/catalogue';
import type { Db } from '../db/database';
import { CUBES } from './facts/cubes';
import { FACT_TABLES } from './facts/factColumns';
import { decodeKey } from './pivotResult';
import { pivotFactsFor } from './runPivot';
import { columnOf } from './sqlParts';
import { Refusal } from '../refusal';

/**
 * pivot.dimensionValues: every value of a dimension with how often it occurs, for the filter
 * pickers: households for household dimensions, income rows (户·年) for 收入年度, members for member
 * dimensions. Values of a closed list that do not occur are listed with 0, a blank only if present.
 */
export function dimensionValues(
  db: Db, request: { field: string; snapshotId?: number; lineSet?: string },
): DimensionValues {
  const d = findDimension(request.field);
  if (!d) throw new Refusal('refused', `字段“${request.field}”不存在。可用字段：${validDimensionList()}`);
  const facts = pivotFactsFor(db, request);
  const column = columnOf(d);
  const grain = d.grain;
  const count = grain === 'person' ? 'members' : 'n';
  const cube = CUBES.filter((c) => facts.state.cubesReady && c.grain === grain && !c.distinct && (column === 'year' || c.columns.includes(column)))
    .sort((a, b) => Object.values(facts.state.cubeRows[String(a.id)] ?? {}).reduce((s, n) => s + n, 0)
      - Object.values(facts.state.cubeRows[String(b.id)] ?? {}).reduce((s, n) => s + n, 0))[0];
  const rows = (cube
    ? db.prepare(`SELECT ${column}, SUM(${count}) FROM pivot_cube WHERE snapshot_id = ? AND cube = ? GROUP BY ${column}`).raw().all(facts.scope.snapshot.id, cube.id)
    : db.prepare(`SELECT ${column}, SUM(${count}) FROM ${FACT_TABLES[grain]} WHERE snapshot_id = ? GROUP BY ${column}`).raw().all(facts.scope.snapshot.id)) as [number | null, number][];
  const counts = new Map(rows.map(([code, n]) => [code, n]));
  const codes: (number | null)[] = d.type === 'year'
    ? rows.map(([code]) => code).filter((c): c is number => c !== null).sort((a, b) => a - b)
    : (facts.dictionary.get(d.key)?.entries ?? []).map((e) => e.code);
  if (counts.has(null)) codes.push(null);
  return {
    field: d.key,
    unit: grain === 'person' ? '人' : grain === 'income' ? '户·年' : '户',
    values: codes.map((code) => {
      const label = decodeKey(d, code, facts.dictionary);
      return { value: code === null ? null : label, label: String(label), count: counts.get(code) ?? 0 };
    }),
  };
}
