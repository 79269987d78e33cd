import type { ReactNode } from 'react';
import { REPORT_SECTION_LABELS, type ExportLogEntry } from '../../../../shared/api/report';

const FORMAT_LABEL = { docx: 'DOCX', pdf: 'PDF', xlsx: 'XLSX' } as const;
const MODE_LABEL = { circulation: '流通版', internal: '内部版' } as const;

/** The export log (read only: the database refuses edits to it). */
export function ExportLog({ entries }: { readonly entries: readonly ExportLogEntry[] }): ReactNode {
  if (entries.length === 0) return <p className="muted">还没有导出记录。每次导出都会记在这里（时间、格式、版本、快照、章节和文件的 SHA-256），不能修改或删除。</p>;
  return (
    <table className="figures export-log" data-testid="export-log">
      <thead>
        <tr>
          <th className="label">时间</th><th className="label">格式</th><th className="label">版本</th><th>快照</th>
          <th className="label">章节</th><th className="label">文件</th><th className="label">SHA-256</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id}>
            <td className="label">{new Date(e.createdAt).toLocaleString('zh-CN', { hour12: false })}</td>
            <td className="label">{FORMAT_LABEL[e.format]}</td>
            <td className="label">{MODE_LABEL[e.mode]}</td>
            <td>#{e.snapshotId}</td>
            <td className="label" title={e.sections.map((s) => REPORT_SECTION_LABELS[s]).join('、')}>{e.sections.length} 节</td>
            <td className="label">{e.fileName}</td>
            <td className="label mono" title={e.sha256}>{e.sha256.slice(0, 16)}…</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
