import { useMemo, useState, type ReactNode } from 'react';
import type { PivotCatalogue } from '../../../../shared/api/pivot';
import type { Zone } from './pivotState';

export const DRAG_TYPE = 'text/plain';

interface FieldItem {
  readonly key: string;
  readonly label: string;
  readonly group: string;
  readonly koujing: string;
  readonly kind: 'dimension' | 'measure';
}

/** The catalogue as a searchable list: drag a field to a zone, or use its buttons from the keyboard. */
export function FieldList({ catalogue, onAdd }: {
  readonly catalogue: PivotCatalogue; readonly onAdd: (zone: Zone, key: string) => void;
}): ReactNode {
  const [query, setQuery] = useState('');
  const sections = useMemo(() => {
    const items: FieldItem[] = [
      ...catalogue.dimensions.map((d) => ({ key: d.key, label: d.label, group: d.group, koujing: d.koujing, kind: 'dimension' as const })),
      ...catalogue.measures.map((m) => ({ key: m.key, label: m.label, group: m.group, koujing: m.koujing, kind: 'measure' as const })),
    ];
    const q = query.trim().toLowerCase();
    const shown = q ? items.filter(
      (i) => i.label.toLowerCase().includes(q) || i.key.toLowerCase().includes(q) || i.group.includes(q),
    ) : items;
    const byKind = (kind: FieldItem['kind']): [string, FieldItem[]][] => {
      const groups = new Map<string, FieldItem[]>();
      for (const item of shown.filter((i) => i.kind === kind)) groups.set(item.group, [
        ...(groups.get(item.group) ?? []), item,
      ]);
      return [...groups.entries()];
    };
    return { dimensions: byKind('dimension'), measures: byKind('measure') };
  }, [catalogue, query]);

  const renderItem = (item: FieldItem): ReactNode => (
    <li
      key={item.key}
      className={`pivot-field ${item.kind}`}
      draggable
      data-field={item.key}
      title={`${item.label}：${item.koujing}`}
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, `${item.kind}:${item.key}`);
        event.dataTransfer.effectAllowed = 'copy';
      }}
    >
      <span className="pivot-field-label">{item.label}</span>
      <span className="pivot-field-buttons">
        {item.kind === 'dimension' ? (
          <>
            <button type="button" aria-label={`把${item.label}加到行`} title="加到行" onClick={() => onAdd('rows', item.key)}>行</button>
            <button type="button" aria-label={`把${item.label}加到列`} title="加到列" onClick={() => onAdd('columns', item.key)}>列</button>
            <button type="button" aria-label={`按${item.label}筛选`} title="加到筛选" onClick={() => onAdd('filters', item.key)}>筛</button>
          </>
        ) : (
          <button type="button" aria-label={`把${item.label}加到值`} title="加到值" onClick={() => onAdd('values', item.key)}>+</button>
        )}
      </span>
    </li>
  );

  return (
    <div className="pivot-fields" data-testid="pivot-fields">
      <input className="pivot-field-search" type="search" placeholder="搜索字段…" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="搜索字段" />
      <h3>维度</h3>
      {sections.dimensions.map(([group, items]) => (
        <div key={group} className="pivot-field-group">
          <h4>{group}</h4>
          <ul>{items.map(renderItem)}</ul>
        </div>
      ))}
      <h3>度量</h3>
      {sections.measures.map(([group, items]) => (
        <div key={group} className="pivot-field-group">
          <h4>{group}</h4>
          <ul>{items.map(renderItem)}</ul>
        </div>
      ))}
    </div>
  );
}
