import ExcelJS from 'exceljs';
import type { UserIssue } from '../../../shared/api/common';
import { issueRuleLabel } from '../../../shared/domain/issueRules';

const COLUMNS: { header: string; key: keyof UserIssue; width: number }[] = [
  { header: '级别', key: 'severity', width: 8 },
  { header: '规则', key: 'code', width: 26 },
  { header: '说明', key: 'message', width: 80 },
  { header: '文件', key: 'file', width: 24 },
  { header: '工作表', key: 'sheet', width: 12 },
  { header: '行', key: 'row', width: 8 },
  { header: '列', key: 'column', width: 18 },
  { header: '值', key: 'value', width: 22 },
  { header: '应为', key: 'expected', width: 30 },
];

/** The error and warning list of an import as an .xlsx the user can open, sort and filter. */
export async function writeIssueReport(path: string, issues: readonly UserIssue[], title: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入问题清单', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([title]);
  ws.getRow(1).font = { bold: true, size: 13 };
  const header = ws.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  COLUMNS.forEach((c, i) => { ws.getColumn(i + 1).width = c.width; });
  const ordered = [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  for (const issue of ordered) {
    ws.addRow(COLUMNS.map((c) => (c.key === 'severity' ? (issue.severity === 'error' ? '错误' : '警告') : c.key === 'code' ? issueRuleLabel(issue.code) : issue[c.key])));
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: COLUMNS.length } };
  await wb.xlsx.writeFile(path);
  return ordered.length;
}
