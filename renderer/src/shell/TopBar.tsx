import type { ReactNode } from 'react';
import { PRODUCT_NAME } from '../../../shared/domain/product';
import type { SnapshotSummary } from '../../../shared/api/snapshots';
import { householdsLine, membersLine, personsByTypeLine } from '../../../shared/format/reconcileText';
import { useApiQuery } from '../api/useApiQuery';
import { formatCount, formatDateZh } from '../format/numbers';
import { useSnapshots } from '../state/snapshotContext';
import { PreparationStatus } from './PreparationStatus';

/**
 * The snapshot's record counts (户信息 rows, member rows); the tooltip reconciles them with the
 * figures the analyses show (建档立卡 户, Σ家庭人口数), read from the core's snapshots.reconcile.
 */
function SnapshotSize({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  const reconcile = useApiQuery('snapshots.reconcile', { id: snapshot.id });
  const r = reconcile.data;
  const lines = r && r.snapshotId === snapshot.id
    ? [householdsLine(r), personsByTypeLine(r), membersLine(r)]
    : [`快照的记录数：户信息 ${formatCount(snapshot.households)} 户，家庭成员表 ${formatCount(snapshot.persons)} 人`];
  return (
    <span className="snapshot-size" title={lines.join('\n')} data-testid="snapshot-size">
      {formatCount(snapshot.households)} 户 · {formatCount(snapshot.persons)} 人
    </span>
  );
}

/** The product name, the snapshot the analyses show, and the choice of another snapshot. */
export function TopBar(): ReactNode {
  const { snapshots, current, select } = useSnapshots();
  return (
    <header className="top-bar">
      <div className="brand">
        <img className="brand-mark" src="./favicon.png" alt="" width="26" height="26" />
        <span className="brand-name">{PRODUCT_NAME}</span>
      </div>
      <div className="snapshot-info" data-testid="current-snapshot">
        {current ? (
          <>
            <span className="snapshot-county">{current.countyName}</span>
            <span className="snapshot-date">截至 {formatDateZh(current.asOf)}</span>
            <SnapshotSize snapshot={current} />
          </>
        ) : (
          <span className="snapshot-none">{snapshots === null ? '正在读取数据…' : '尚未导入县级数据'}</span>
        )}
      </div>
      <PreparationStatus />
      <label className="snapshot-select">
        <span>数据快照</span>
        <select
          value={current ? String(current.id) : ''}
          disabled={!snapshots || snapshots.length === 0}
          onChange={(event) => select(Number(event.target.value))}
          aria-label="选择数据快照"
        >
          {!snapshots || snapshots.length === 0 ? <option value="">（无）</option> : null}
          {snapshots?.map((s) => (
            <option key={s.id} value={String(s.id)}>
              {s.countyName} · 截至 {s.asOf} · #{s.id}
            </option>
          ))}
        </select>
      </label>
    </header>
  );
}
