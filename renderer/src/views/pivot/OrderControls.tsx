import type { ReactNode } from 'react';
import type { PivotCatalogue, PivotTopN, PivotValue } from '../../../../shared/api/pivot';
import { valueKey, type EditSpec, type GridOrder } from './pivotState';
import { TOTAL_COLUMN_ID } from './pivotTable';

const SEP = ':';

/**
 * 排序: the rows by a value of the 合计 column, biggest (降序) or smallest (升序) first (the same order a click on
 * that column's header gives). An order picked from a header the list has no entry for shows as such.
 */
export function SortControl({ spec, catalogue, label, onChange }: {
  readonly spec: EditSpec;
  readonly catalogue: PivotCatalogue;
  readonly label: (v: PivotValue) => string;
  readonly onChange: (order: GridOrder | null) => void;
}): ReactNode {
  const options = spec.values.flatMap((v) => {
    const colId = `${TOTAL_COLUMN_ID}|${valueKey(v)}`;
    return [
      { value: `desc${SEP}${colId}`, text: `${label(v)} 降序` },
      { value: `asc${SEP}${colId}`, text: `${label(v)} 升序` },
    ];
  });
  const current = spec.order ? `${spec.order.direction}${SEP}${spec.order.colId}` : '';
  const fromHeader = spec.order !== null && !options.some((o) => o.value === current);
  const headerText = (): string => {
    const order = spec.order;
    if (!order) return '';
    const dim = order.colId.startsWith('row:') ? catalogue.dimensions.find((d) => `row:${d.key}` === order.colId)?.label : undefined;
    return `${dim ?? '表头所选列'}${order.direction === 'asc' ? ' 升序' : ' 降序'}`;
  };
  return (
    <label className="pivot-order">
      排序
      <select
        value={current}
        data-testid="sort-select"
        disabled={spec.rows.length === 0}
        onChange={(e) => {
          const raw = e.target.value;
          const at = raw.indexOf(SEP);
          const direction = raw.slice(0, at);
          onChange(at > 0 && (direction === 'asc' || direction === 'desc') ? { colId: raw.slice(at + 1), direction } : null);
        }}
      >
        <option value="">默认顺序</option>
        {fromHeader ? <option value={current}>{headerText()}</option> : null}
        {options.map((o) => <option key={o.value} value={o.value}>{o.text}</option>)}
      </select>
    </label>
  );
}

/** 前 N 项: the engine keeps, within each parent, the N members of a row field ranked by a value. */
export function TopNControl({ spec, catalogue, label, onChange }: {
  readonly spec: EditSpec;
  readonly catalogue: PivotCatalogue;
  readonly label: (v: PivotValue) => string;
  readonly onChange: (topN: PivotTopN | undefined) => void;
}): ReactNode {
  const topN = spec.topN;
  const first = spec.values[0];
  const update = (patch: Partial<PivotTopN>): void => {
    const base: PivotTopN | undefined = topN ?? (first ? { n: 10, by: valueKey(first), direction: 'desc' } : undefined);
    if (base) onChange({ ...base, ...patch });
  };
  const dimLabel = (key: string): string => catalogue.dimensions.find((d) => d.key === key)?.label ?? key;
  return (
    <span className="pivot-topn" data-testid="topn">
      <label>
        前
        <input
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          aria-label="前 N 项的项数（空为全部）"
          placeholder="全部"
          value={topN?.n ?? ''}
          disabled={spec.rows.length === 0}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (e.target.value.trim() === '' || !Number.isInteger(n) || n < 1) onChange(undefined);
            else update({ n });
          }}
        />
        项
      </label>
      {topN ? (
        <>
          <select aria-label="前 N 项的排名依据" value={topN.by} onChange={(e) => update({ by: e.target.value })}>
            {spec.values.map((v) => <option key={valueKey(v)} value={valueKey(v)}>按{label(v)}</option>)}
          </select>
          <select aria-label="前 N 项取最大还是最小" value={topN.direction} onChange={(e) => update({ direction: e.target.value === 'asc' ? 'asc' : 'desc' })}>
            <option value="desc">最大</option>
            <option value="asc">最小</option>
          </select>
          {spec.rows.length > 1 ? (
            <select
              aria-label="前 N 项排名的行字段"
              value={topN.field ?? spec.rows[0]}
              onChange={(e) => update({ field: e.target.value })}
            >
              {spec.rows.map((r, i) => <option key={r} value={r}>{i === 0 ? `各${dimLabel(r)}` : `每个${dimLabel(spec.rows[i - 1] ?? '')}内的${dimLabel(r)}`}</option>)}
            </select>
          ) : null}
          <button type="button" className="pivot-topn-clear" onClick={() => onChange(undefined)} aria-label="取消前 N 项" title="取消前 N 项，显示全部">×</button>
        </>
      ) : null}
    </span>
  );
}
