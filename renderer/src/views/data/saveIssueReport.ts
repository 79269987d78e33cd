import { ApiCallError, call } from '../../api/client';

export type IssueReportSource = { readonly jobId: string } | { readonly snapshotId: number };

/**
 * Writes the issue list as an .xlsx report: where the user chooses on the desktop; the loopback
 * host has no save dialog, so there the host writes it into its work folder and names the path.
 * Resolves null when the user closed the dialog.
 */
export async function saveIssueReport(source: IssueReportSource, defaultName: string): Promise<{ path: string; rows: number } | null> {
  let path: string | undefined;
  try {
    const chosen = await call('dialog.saveFile', {
      title: '保存问题清单',
      defaultName,
      filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
    });
    if (chosen.path === null) return null;
    path = chosen.path;
  } catch (err) {
    if (!(err instanceof ApiCallError && err.code === 'refused')) throw err;
  }
  return call('imports.saveIssueReport', { ...source, ...(path === undefined ? {} : { path }) });
}
