import { call } from '../../api/client';
import { deliver } from '../../api/deliver';

export type IssueReportSource = { readonly jobId: string } | { readonly snapshotId: number };

/**
 * Writes the issue list as an .xlsx report in the host's work folder and hands it to the user:
 * the save dialog on the desktop, a download in the browser. The page never names a path.
 * Resolves null when the user closed the dialog; `savedAs` is null for a browser download.
 */
export async function saveIssueReport(source: IssueReportSource): Promise<{
  savedAs: string | null; rows: number;
} | null> {
  const report = await call('imports.saveIssueReport', source);
  const outcome = await deliver(report.delivery, '保存问题清单');
  return outcome.saved ? { savedAs: outcome.savedAs, rows: report.rows } : null;
}
