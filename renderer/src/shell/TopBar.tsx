import type { ReactNode } from 'react';
import { PRODUCT_NAME } from '../../../shared/domain/product';
import { formatCount, formatDateZh } from '../format/numbers';
import { useSnapshots } from '../state/snapshotContext';
import { PreparationStatus } from './PreparationStatus';

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
            <span
              className="snapshot-size"
              title={`快照的记录数：户信息 ${formatCount(current.households)} 户，家庭成员表 ${formatCount(current.persons)} 人（分析中的人口按户信息的家庭人口数计，可能略有不同）`}
            >
              {formatCount(current.households)} 户 · {formatCount(current.persons)} 人
            </span>
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
