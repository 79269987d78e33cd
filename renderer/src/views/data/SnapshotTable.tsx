import type { ReactNode } from 'react';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import { formatCount, formatDateZh } from '../../format/numbers';

/** "2026-11-23T08:46:34.000Z" in the user's own clock, to the minute. */
function formatImportedAt(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Every snapshot in the database, with its warnings and a delete button per row. */
export function SnapshotTable({
  snapshots,
  selectedId,
  onShowIssues,
  onDelete,
}: {
  readonly snapshots: readonly SnapshotSummary[];
  readonly selectedId: number | null;
  readonly onShowIssues: (snapshot: SnapshotSummary) => void;
  readonly onDelete: (snapshot: SnapshotSummary) => void;
}): ReactNode {
  if (snapshots.length === 0) return <p className="data-muted" data-testid="no-snapshots">数据库中还没有快照：请在上方导入县级数据。</p>;
  return (
    <table className="simple snapshot-table" data-testid="snapshot-table">
      <thead>
        <tr>
          <th>编号</th>
          <th>县（市、区）</th>
          <th>数据截至</th>
          <th className="num">户数</th>
          <th className="num">人数</th>
          <th className="num">收入记录</th>
          <th>来源文件</th>
          <th>导入时间</th>
          <th className="num">警告</th>
          <th>操作</th>
        </tr>
      </thead>
      <tbody>
        {snapshots.map((s) => (
          <tr key={s.id} data-snapshot-id={s.id} className={s.id === selectedId ? 'selected' : undefined}>
            <td className="num">#{s.id}</td>
            <td>
              {s.countyName}
              {s.countyCode ? <span className="data-muted"> {s.countyCode}</span> : null}
            </td>
            <td>{formatDateZh(s.asOf)}</td>
            <td className="num">{formatCount(s.households)} 户</td>
            <td className="num">{formatCount(s.persons)} 人</td>
            <td className="num">{formatCount(s.incomeRows)}</td>
            <td className="source-name" title={`SHA-256 ${s.sourceSha256}`}>
              {s.sourceName}
            </td>
            <td>{formatImportedAt(s.importedAt)}</td>
            <td className={`num${s.warningCount > 0 ? ' has-warnings' : ''}`}>{formatCount(s.warningCount)}</td>
            <td className="row-actions">
              <button type="button" className="button small" onClick={() => onShowIssues(s)}>
                查看警告
              </button>
              <button type="button" className="button small danger" onClick={() => onDelete(s)}>
                删除
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
