import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { PivotResult, PivotRunRequest } from '../../../../shared/api/pivot';
import type { Db } from '../../db/database';
import { runPivot } from '../runPivot';
import { writePivotCsv } from './exportCsv';
import { writePivotXlsx } from './exportXlsx';

export interface PivotExportRequest extends PivotRunRequest {
  readonly path?: string;
  readonly title?: string;
}

function defaultTitle(result: PivotResult): string {
  const info = result.meta.fieldInfo;
  const keys = info.filter((f) => f.role !== 'value').map((f) => f.label).join('×');
  const values = info.filter((f) => f.role === 'value').map((f) => f.label).join('、');
  return `${result.meta.county} ${keys ? `${keys} ` : ''}${values}`;
}

function target(workDir: string, request: PivotExportRequest, extension: string): string {
  if (request.path) return resolve(request.path);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return join(workDir, `透视分析-${stamp}.${extension}`);
}

/** pivot.exportXlsx / pivot.exportCsv: runs the pivot and writes it with its 口径 block. */
export async function exportPivot(db: Db, workDir: string, request: PivotExportRequest, format: 'xlsx' | 'csv'): Promise<{ path: string; rows: number; bytes: number }> {
  const result = runPivot(db, request);
  const file = target(workDir, request, format);
  mkdirSync(dirname(file), { recursive: true });
  const title = request.title ?? defaultTitle(result);
  const written = format === 'xlsx' ? await writePivotXlsx(result, file, title) : writePivotCsv(result, file, title);
  return { path: file, ...written };
}
