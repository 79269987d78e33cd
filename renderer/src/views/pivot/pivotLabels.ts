import type { PivotCatalogue, PivotFieldInfo, PivotValue } from '../../../../shared/api/pivot';
import { valueKey, type EditSpec } from './pivotState';
import { valueHeader } from './pivotTable';

export function labelOf(catalogue: PivotCatalogue, key: string): string {
  return catalogue.dimensions.find((d) => d.key === key)?.label
    ?? catalogue.measures.find((m) => m.key === key)?.label ?? key;
}

/** How a value's header reads in the grid: 人数（人）, 人数（占行合计%）. */
export function headerIn(catalogue: PivotCatalogue): (f: PivotFieldInfo) => string {
  return (f) => valueHeader(
    f,
    (key) => labelOf(catalogue, key),
    (share) => catalogue.shareBases.find((b) => b.share === share)?.label ?? share,
  );
}

/** How a value is named before the engine has answered: 人数, 人数（占行合计%）. */
export function valueLabel(catalogue: PivotCatalogue, v: PivotValue): string {
  const measure = catalogue.measures.find((m) => m.key === v.measure);
  const info: PivotFieldInfo = {
    key: valueKey(v), label: measure?.label ?? v.measure, role: 'value', measure: v.measure, share: v.share ?? null,
    format: v.share ? 'share' : (measure?.format ?? 'count'), unit: v.share ? '' : (measure?.unit ?? ''),
  };
  return headerIn(catalogue)(info);
}

/** The pivot reads income rows (and so an income year) only when a value is an income measure. */
export function hasIncomeMeasure(catalogue: PivotCatalogue, spec: EditSpec): boolean {
  return spec.values.some((v) => catalogue.measures.find((m) => m.key === v.measure)?.grain === 'income');
}
