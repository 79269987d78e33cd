import type { ColDef } from 'ag-grid-community';
import type { ReactNode } from 'react';
import type { UserIssue } from '../../../../shared/api/common';
import { issueRuleLabel } from '../../../../shared/domain/issueRules';
import { DataGrid } from '../../components/DataGrid';

const COLUMNS: readonly ColDef<UserIssue>[] = [
  {
    field: 'severity',
    headerName: '级别',
    width: 76,
    valueFormatter: (p) => (p.value === 'error' ? '错误' : '警告'),
    cellClass: (p) => (p.value === 'error' ? 'issue-cell-error' : 'issue-cell-warning'),
  },
  // The message is what the user acts on: wrapped in full rather than cut off.
  { field: 'message', headerName: '问题', flex: 4, minWidth: 320, wrapText: true, autoHeight: true, cellClass: 'issue-message-cell' },
  { field: 'file', headerName: '文件', flex: 1, tooltipField: 'file' },
  { field: 'sheet', headerName: '工作表', flex: 1 },
  { field: 'row', headerName: '行', width: 80, type: 'numericColumn', filter: 'agNumberColumnFilter' },
  { field: 'column', headerName: '列', flex: 1 },
  { field: 'value', headerName: '值', flex: 1 },
  { field: 'expected', headerName: '应为', flex: 1 },
  // The rule's name; its code (kept for the JSON and the database) only in the tooltip.
  { field: 'code', headerName: '规则', flex: 1, minWidth: 130, valueFormatter: (p) => issueRuleLabel(String(p.value)), tooltipField: 'code' },
];

/** An import's errors and warnings, one row each, located by file, sheet, Excel row and column. */
export function IssueGrid({ issues, maxHeight = 360 }: {
  readonly issues: readonly UserIssue[]; readonly maxHeight?: number;
}): ReactNode {
  if (issues.length === 0) return <p className="data-muted">没有错误或警告。</p>;
  // A few issues should not sit in a tall empty box; many scroll inside maxHeight.
  const height = Math.min(maxHeight, 48 + issues.length * 48);
  return (
    <div data-testid="issue-grid">
      <DataGrid<UserIssue> rows={issues} columns={COLUMNS} height={height} />
    </div>
  );
}
