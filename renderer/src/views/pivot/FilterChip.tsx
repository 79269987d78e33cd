import { useState, type ReactNode } from 'react';
import type { FilterValue, PivotFilter } from '../../../../shared/api/pivot';
import { useApiQuery } from '../../api/useApiQuery';
import { formatCount } from '../../format/numbers';

/** A filter with its value picker: the values of the field, each with how many it counts. */
export function FilterChip({ filter, label, snapshotId, onChange, onRemove }: {
  readonly filter: PivotFilter;
  readonly label: string;
  readonly snapshotId: number;
  readonly onChange: (values: FilterValue[]) => void;
  readonly onRemove: () => void;
}): ReactNode {
  const [open, setOpen] = useState(filter.values.length === 0);
  const values = useApiQuery('pivot.dimensionValues', open ? { field: filter.field, snapshotId } : null);
  const chosen = new Set(filter.values.map((v) => JSON.stringify(v)));
  const toggle = (v: FilterValue): void => {
    const id = JSON.stringify(v);
    onChange(chosen.has(id) ? filter.values.filter((x) => JSON.stringify(x) !== id) : [...filter.values, v]);
  };
  const summary = filter.values.length === 0 ? '（全部）' : filter.values.map((v) => (v === null ? '（未填）' : String(v))).join('、');
  return (
    <span className="pivot-chip filter" data-testid={`filter-${filter.field}`}>
      <button type="button" className="pivot-chip-label" onClick={() => setOpen(!open)} aria-expanded={open}>
        {label}：{summary.length > 24 ? `${summary.slice(0, 24)}…` : summary}
      </button>
      <button type="button" className="pivot-chip-remove" aria-label={`移除筛选${label}`} onClick={onRemove}>×</button>
      {open ? (
        <div className="pivot-picker" role="listbox" aria-label={`${label}的取值`}>
          {values.loading ? <span className="panel-note">正在读取取值…</span> : null}
          {values.data?.values.map((v) => (
            <label key={JSON.stringify(v.value)}>
              <input type="checkbox" checked={chosen.has(JSON.stringify(v.value))} onChange={() => toggle(v.value)} />
              <span>{v.label}</span>
              <span className="pivot-picker-count">{formatCount(v.count)} {values.data?.unit}</span>
            </label>
          ))}
          <div className="pivot-picker-actions">
            <button type="button" className="button small" onClick={() => onChange([])}>清除</button>
            <button type="button" className="button small primary" onClick={() => setOpen(false)}>完成</button>
          </div>
        </div>
      ) : null}
    </span>
  );
}
