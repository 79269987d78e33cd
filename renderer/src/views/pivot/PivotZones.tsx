import { useState, type DragEvent, type ReactNode } from 'react';
import type { PivotCatalogue, PivotIncomeFilter, PivotValue } from '../../../../shared/api/pivot';
import { DRAG_TYPE } from './FieldList';
import { FilterChip } from './FilterChip';
import { IncomeYearChip } from './IncomeYearChip';
import { labelOf, valueLabel } from './pivotLabels';
import { addField, removeField, setShare, valueKey, type EditSpec, type Zone } from './pivotState';

const ZONES: readonly { zone: Zone; label: string }[] = [
  { zone: 'filters', label: '筛选' },
  { zone: 'columns', label: '列' },
  { zone: 'rows', label: '行' },
  { zone: 'values', label: '值' },
];

type SpecUpdate = (update: (s: EditSpec) => EditSpec) => void;

/** A value with its 显示方式 (原值 or a share) and its remove button. */
function ValueChip({ catalogue, spec, value, onSpec, onMessage }: {
  readonly catalogue: PivotCatalogue;
  readonly spec: EditSpec;
  readonly value: PivotValue;
  readonly onSpec: SpecUpdate;
  readonly onMessage: (m: string) => void;
}): ReactNode {
  const key = valueKey(value);
  const measure = catalogue.measures.find((m) => m.key === value.measure);
  const name = labelOf(catalogue, value.measure);
  const onShare = (choice: string): void => {
    const share = choice === '' ? undefined : catalogue.shareBases.find((b) => b.share === choice)?.share;
    const next = setShare(spec, key, share);
    if (next) onSpec(() => next);
    else onMessage(`值区已有“${valueLabel(catalogue, share ? { measure: value.measure, share } : { measure: value.measure })}”`);
  };
  return (
    <span className="pivot-chip values" data-testid={`chip-values-${key}`} title={valueLabel(catalogue, value)}>
      <span className="pivot-chip-label">{name}</span>
      {measure?.additive ? (
        <select className="pivot-chip-share" aria-label={`${name}的显示方式`} value={value.share ?? ''} onChange={(e) => onShare(e.target.value)}>
          <option value="">原值</option>
          {catalogue.shareBases.map((b) => <option key={b.share} value={b.share}>{b.label}</option>)}
        </select>
      ) : null}
      <button type="button" className="pivot-chip-remove" aria-label={`移除${valueLabel(catalogue, value)}`}
        onClick={() => onSpec((s) => removeField(s, 'values', key))}>×</button>
    </span>
  );
}

/**
 * 筛选 / 列 / 行 / 值: the fields of the pivot as chips, each zone a drop target. The filters zone
 * also shows the income year an income measure brings in, with the households it removes.
 */
export function PivotZones({ catalogue, spec, snapshotId, incomeFilter, onSpec, onMessage }: {
  readonly catalogue: PivotCatalogue;
  readonly spec: EditSpec;
  readonly snapshotId: number;
  readonly incomeFilter: PivotIncomeFilter | null;
  readonly onSpec: SpecUpdate;
  readonly onMessage: (m: string | null) => void;
}): ReactNode {
  const [hoverZone, setHoverZone] = useState<Zone | null>(null);
  const onDrop = (zone: Zone) => (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setHoverZone(null);
    const [kind, key] = event.dataTransfer.getData(DRAG_TYPE).split(':');
    if (!key) return;
    if (zone === 'values' ? kind !== 'measure' : kind !== 'dimension') {
      onMessage(zone === 'values' ? '值区只接受度量（户数、人数、收入…）' : '行、列、筛选区只接受维度');
      return;
    }
    onMessage(null);
    onSpec((s) => addField(s, zone, key));
  };
  const chips = (zone: Zone): ReactNode => {
    if (zone === 'filters') {
      return [
        ...spec.filters.map((f) => (
          <FilterChip
            key={f.field}
            filter={f}
            label={labelOf(catalogue, f.field)}
            snapshotId={snapshotId}
            onChange={(values) => onSpec((s) => ({
              ...s, filters: s.filters.map((x) => (x.field === f.field ? { ...x, values } : x)),
            }))}
            onRemove={() => onSpec((s) => removeField(s, 'filters', f.field))}
          />
        )),
        incomeFilter ? <IncomeYearChip key="income-year" filter={incomeFilter} /> : null,
      ];
    }
    if (zone === 'values') {
      return spec.values.map((v) => (
        <ValueChip key={valueKey(v)} catalogue={catalogue} spec={spec} value={v} onSpec={onSpec}
          onMessage={onMessage} />
      ));
    }
    return spec[zone].map((key) => (
      <span key={key} className={`pivot-chip ${zone}`} data-testid={`chip-${zone}-${key}`}>
        <span className="pivot-chip-label">{labelOf(catalogue, key)}</span>
        <button type="button" className="pivot-chip-remove" aria-label={`移除${labelOf(catalogue, key)}`}
          onClick={() => onSpec((s) => removeField(s, zone, key))}>×</button>
      </span>
    ));
  };
  return (
    <div className="pivot-zones">
      {ZONES.map(({ zone, label }) => (
        <div
          key={zone}
          className={`pivot-zone${hoverZone === zone ? ' over' : ''}`}
          data-testid={`zone-${zone}`}
          onDragOver={(e) => {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
            setHoverZone(zone);
          }}
          onDragLeave={() => setHoverZone(null)}
          onDrop={onDrop(zone)}
        >
          <span className="pivot-zone-label">{label}</span>
          {chips(zone)}
          <span className="pivot-zone-hint">拖入字段</span>
        </div>
      ))}
    </div>
  );
}
