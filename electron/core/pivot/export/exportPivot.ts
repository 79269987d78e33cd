import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PivotResult, PivotRunRequest } from '../../../../shared/api/pivot';
import type { Db } from '../../db/database';
import { runPivotRequest } from '../countyPivot';
import { writePivotCsv } from './exportCsv';
import { writePivotXlsx } from './exportXlsx';

export interface PivotExportRequest extends PivotRunRequest {
  readonly title?: string;
}

function defaultTitle(result: PivotResult): string {
  const info = result.meta.fieldInfo;
  const keys = info.filter((f) => f.role !== 'value').map((f) => f.label).join('×');
  const values = info.filter((f) => f.role === 'value').map((f) => f.label).join('、');
  return `${result.meta.county} ${keys ? `${keys} ` : ''}${values}`;
}

/** The name an export is offered under: 透视分析-20261207-151500.xlsx. */
export function pivotExportName(format: 'xlsx' | 'csv', now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `透视分析-${stamp}.${format}`;
}

/**
 * Runs the pivot and writes it with its 口径 block to `file` — a path the core chose (a delivery's,
 * for the page) or the user's own (the command line's --out).
 */
export async function exportPivot(db: Db, file: string, request: PivotExportRequest, format: 'xlsx' | 'csv'): Promise<{ rows: number; bytes: number }> {
  const result = runPivotRequest(db, request);
  mkdirSync(dirname(file), { recursive: true });
  const title = request.title ?? defaultTitle(result);
  return format === 'xlsx' ? writePivotXlsx(result, file, title) : writePivotCsv(result, file, title);
}
