import { useState, type ReactNode } from 'react';
import type { UserIssue } from '../../../../shared/api/common';
import { useApiQuery } from '../../api/useApiQuery';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { Panel } from '../../components/Panel';
import { formatCount } from '../../format/numbers';
import { IssueGrid } from './IssueGrid';
import { type IssueReportSource, saveIssueReport } from './saveIssueReport';

/** Whose issues the panel shows: a finished import job's, or those stored with a snapshot. */
export type IssueSubject =
  | { readonly kind: 'job'; readonly jobId: string; readonly title: string; readonly issues: readonly UserIssue[] }
  | { readonly kind: 'snapshot'; readonly snapshotId: number; readonly title: string };

function SaveReportButton({ source }: { readonly source: IssueReportSource }): ReactNode {
  const [state, setState] = useState<{
    busy: boolean; saved: string | null; error: string | null;
  }>({ busy: false, saved: null, error: null });
  const save = async (): Promise<void> => {
    setState({ busy: true, saved: null, error: null });
    try {
      const saved = await saveIssueReport(source);
      const where = saved?.savedAs ? `到 ${saved.savedAs}` : '（已下载）';
      setState({ busy: false, saved: saved ? `已保存 ${formatCount(saved.rows)} 条${where}` : null, error: null });
    } catch (err) {
      setState({ busy: false, saved: null, error: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <span className="save-report">
      <button type="button" className="button small" disabled={state.busy} onClick={() => void save()}>
        {state.busy ? '正在保存…' : '保存为 Excel 报告'}
      </button>
      {state.saved ? (
        <span className="save-report-done" data-testid="report-saved">
          {state.saved}
        </span>
      ) : null}
      {state.error ? <span className="save-report-error">{state.error}</span> : null}
    </span>
  );
}

function SnapshotIssues({ snapshotId }: { readonly snapshotId: number }): ReactNode {
  const query = useApiQuery('snapshots.issues', { id: snapshotId });
  if (query.error) return <ErrorNotice error={query.error.error} onRetry={query.reload} />;
  if (!query.data) return <Loading />;
  return <IssueGrid issues={query.data} />;
}

/** The error/warning list of the last import or of a chosen snapshot, in a grid, savable as .xlsx. */
export function IssuesPanel({ subject }: { readonly subject: IssueSubject }): ReactNode {
  const source: IssueReportSource = subject.kind === 'job' ? { jobId: subject.jobId } : { snapshotId: subject.snapshotId };
  return (
    <Panel
      title={subject.title}
      note="每条问题注明文件、工作表、Excel 行号和列名；同一类问题最多列出 200 条，保存的报告含全部已记录的问题。"
      actions={<SaveReportButton key={JSON.stringify(source)} source={source} />}
      className="issues-panel"
    >
      {subject.kind === 'job' ? <IssueGrid issues={subject.issues} /> : <SnapshotIssues snapshotId={subject.snapshotId} />}
    </Panel>
  );
}
