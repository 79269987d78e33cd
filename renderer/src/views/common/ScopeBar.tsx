import type { ReactNode } from 'react';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import { useApiQuery } from '../../api/useApiQuery';
import { useAreaTree } from './useAreaTree';
import { EMPTY_SCOPE, selectableYears, type ViewScope } from './viewScope';

export interface ScopeBarProps {
  readonly snapshot: SnapshotSummary;
  readonly scope: ViewScope;
  readonly onChange: (scope: ViewScope) => void;
  /** Which shared controls the view has; all by default. */
  readonly years?: boolean;
  readonly area?: boolean;
  readonly lineSet?: boolean;
  /** The view's own controls, after the shared ones. */
  readonly children?: ReactNode;
}

function yearValue(text: string): number | null {
  return text === '' ? null : Number(text);
}

/**
 * The shared controls of the analysis views: year range, township and village, line set. The
 * snapshot is chosen in the top bar (it belongs to the whole page). Every change goes into the
 * address, so the view can be reopened or sent as it is.
 */
export function ScopeBar({
  snapshot, scope, onChange, years = true, area = true, lineSet = true, children,
}: ScopeBarProps): ReactNode {
  const { tree: towns, want: wantAreas } = useAreaTree(snapshot.id, scope.township !== null);
  const sets = useApiQuery('lines.sets', lineSet ? {} : null);
  const yearOptions = selectableYears(snapshot.asOf);
  const villages = towns?.find((t) => t.name === scope.township)?.villages ?? [];
  const changed = scope.from !== null || scope.to !== null || scope.township !== null || scope.lineSet !== null;

  return (
    <div className="scope-bar" data-testid="scope-bar">
      {years ? (
        <label className="scope-field">
          <span>年度</span>
          <select aria-label="起始年度" value={scope.from ?? ''} onChange={(e) => onChange({ ...scope, from: yearValue(e.target.value) })}>
            <option value="">最早</option>
            {yearOptions.map((y) => (
              <option key={y} value={y} disabled={scope.to !== null && y > scope.to}>{y}</option>
            ))}
          </select>
          <span>至</span>
          <select aria-label="截止年度" value={scope.to ?? ''} onChange={(e) => onChange({ ...scope, to: yearValue(e.target.value) })}>
            <option value="">最近</option>
            {yearOptions.map((y) => (
              <option key={y} value={y} disabled={scope.from !== null && y < scope.from}>{y}</option>
            ))}
          </select>
        </label>
      ) : null}
      {area ? (
        <>
          <label className="scope-field">
            <span>乡镇</span>
            <select
              aria-label="乡镇"
              value={scope.township ?? ''}
              onFocus={wantAreas}
              onMouseDown={wantAreas}
              onChange={(e) => onChange({ ...scope, township: e.target.value === '' ? null : e.target.value, village: null })}
            >
              <option value="">全县</option>
              {towns === null ? <option value="" disabled>正在读取乡镇…</option> : null}
              {scope.township !== null && !(towns ?? []).some((t) => t.name === scope.township) ? (
                <option value={scope.township}>{scope.township}</option>
              ) : null}
              {(towns ?? []).map((t) => (
                <option key={t.name} value={t.name}>{t.name}</option>
              ))}
            </select>
          </label>
          <label className="scope-field">
            <span>行政村</span>
            <select
              aria-label="行政村"
              value={scope.village ?? ''}
              disabled={scope.township === null}
              onChange={(e) => onChange({ ...scope, village: e.target.value === '' ? null : e.target.value })}
            >
              <option value="">{scope.township === null ? '（先选乡镇）' : '全乡镇'}</option>
              {scope.village !== null && !villages.some((v) => v.name === scope.village)
                ? <option value={scope.village}>{scope.village}</option> : null}
              {villages.map((v) => (
                <option key={v.name} value={v.name}>{v.name}</option>
              ))}
            </select>
          </label>
        </>
      ) : null}
      {lineSet ? (
        <label className="scope-field">
          <span>标准</span>
          <select aria-label="贫困线标准" value={scope.lineSet ?? ''} onChange={(e) => onChange({ ...scope, lineSet: e.target.value === '' ? null : e.target.value })}>
            <option value="">快照设置（{sets.data?.find((s) => s.name === snapshot.lineSet)?.label ?? snapshot.lineSet}）</option>
            {(sets.data ?? []).map((s) => (
              <option key={s.name} value={s.name}>{s.label}</option>
            ))}
          </select>
        </label>
      ) : null}
      {children}
      {changed ? (
        <button type="button" className="button small" onClick={() => onChange(EMPTY_SCOPE)} title="回到全县、全部年度、快照的标准">
          重置
        </button>
      ) : null}
    </div>
  );
}

/** A labelled select of the view's own (口径 choices such as 截面 / 平衡面板). */
export function ScopeSelect<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  readonly label: string;
  readonly value: T;
  readonly options: readonly { readonly value: T; readonly label: string }[];
  readonly onChange: (value: T) => void;
}): ReactNode {
  return (
    <label className="scope-field">
      <span>{label}</span>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </label>
  );
}
