import type { PivotCatalogue } from '../../../shared/api/pivot';
import { DIMENSIONS } from '../../../shared/semantic/dimensions';
import { MEASURES } from '../../../shared/semantic/measures';
import { FILTER_OPS, FILTER_OP_LABELS, SHARE_BASES, SHARE_LABELS } from '../../../shared/semantic/types';

/** pivot.catalogue: the semantic layer as the workbench's field list reads it. */
export function pivotCatalogue(): PivotCatalogue {
  return {
    dimensions: DIMENSIONS.map((d) => ({
      key: d.key, label: d.label, group: d.group, type: d.type, grain: d.grain, source: d.source,
      missingLabel: d.missingLabel, koujing: d.koujing,
    })),
    measures: MEASURES.map((m) => ({
      key: m.key, label: m.label, group: m.group, grain: m.grain, unit: m.unit, format: m.format, additive: m.additive,
      aggregation: m.aggregation, koujing: m.koujing, koujingIncome: m.koujingIncome ?? null,
      koujingPerson: m.koujingPerson ?? null,
    })),
    filterOps: FILTER_OPS.map((op) => ({ op, label: FILTER_OP_LABELS[op] })),
    shareBases: SHARE_BASES.map((share) => ({ share, label: SHARE_LABELS[share] })),
  };
}
