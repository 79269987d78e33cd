import { DIMENSIONS } from './dimensions';
import { MEASURES } from './measures';
import type { DimensionDef, MeasureDef, ShareBase } from './types';

const DIMENSION_BY_KEY = new Map(DIMENSIONS.map((d) => [d.key, d]));
const MEASURE_BY_KEY = new Map(MEASURES.map((m) => [m.key, m]));

export function findDimension(key: string): DimensionDef | undefined {
  return DIMENSION_BY_KEY.get(key);
}

export function findMeasure(key: string): MeasureDef | undefined {
  return MEASURE_BY_KEY.get(key);
}

/** "key（label）、…": the list a refusal shows so that the user can correct the spec. */
export function validDimensionList(): string {
  return DIMENSIONS.map((d) => `${d.key}（${d.label}）`).join('、');
}

export function validMeasureList(): string {
  return MEASURES.map((m) => `${m.key}（${m.label}）`).join('、');
}

const SHARE_SUFFIX: Readonly<Record<ShareBase, string>> = { grand: 'Share', row: 'RowShare', column: 'ColumnShare' };
const SHARE_LABEL_SUFFIX: Readonly<Record<ShareBase, string>> = { grand: '占比', row: '占行合计比例', column: '占列合计比例' };

/**
 * The output field of a value: the measure key, or with a share base `householdsShare`,
 * `householdsRowShare`, `householdsColumnShare` (the catalogue's householdsShare is the first).
 */
export function valueFieldKey(measure: string, share: ShareBase | null): string {
  return share === null ? measure : `${measure}${SHARE_SUFFIX[share]}`;
}

export function valueFieldLabel(measure: MeasureDef, share: ShareBase | null): string {
  return share === null ? measure.label : `${measure.label}${SHARE_LABEL_SUFFIX[share]}`;
}
