import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PivotResult, PivotRunRequest } from '../../../shared/api/pivot';
import { type CliCommand, stringOption } from '../command';
import { Refusal } from '../../core/refusal';
import { openCliService } from '../serviceCall';
import { snapshotOption } from './metrics';
import { pivotHelp } from './pivotHelp';

function readSpec(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch (err) {
    throw new Refusal('invalid_request', `无法读取透视设置文件 ${file}：${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (err) {
    throw new Refusal('invalid_request', `透视设置文件 ${file} 不是有效的 JSON：${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Tab-separated lines for reading in a terminal or pasting into a spreadsheet. */
function printTable(result: PivotResult, out: (t: string) => void): void {
  const labels = new Map(result.meta.fieldInfo.map((f) => [f.key, f.label]));
  out(result.fields.map((f) => labels.get(f) ?? f).join('\t'));
  const cell = (v: unknown): string => (v === null ? '' : typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : String(v));
  for (const row of result.rows) out(row.map(cell).join('\t'));
  for (const row of result.totals) out(row.map((v, i) => (v === null && i < result.fields.length - result.meta.fieldInfo.filter((f) => f.role === 'value').length ? '合计' : cell(v))).join('\t'));
}

export const pivotCommand: CliCommand = {
  name: 'pivot',
  usage: 'pivot [--db F] --spec SPEC.json [--snapshot ID | --across-counties] [--line-set NAME] [--json]',
  summary: '按透视设置（JSON）统计，输出长表（行、合计与口径）',
  details: pivotHelp(),
  options: {
    spec: { type: 'string' },
    snapshot: { type: 'string' },
    'line-set': { type: 'string' },
    // The newest snapshot of every county, 县 (county) a dimension like any other.
    'across-counties': { type: 'boolean' },
  },
  allowPositionals: false,
  async run(args, io) {
    const specFile = stringOption(args, 'spec');
    if (specFile === undefined) throw new Refusal('invalid_request', '缺少 --spec：请给出透视设置 JSON 文件');
    const spec = readSpec(specFile);
    const snapshotId = snapshotOption(args);
    const lineSet = stringOption(args, 'line-set');
    const service = openCliService(args);
    try {
      // The spec is checked once, by the contract's schema in dispatch().
      const result: PivotResult = await service.call('pivot.run', {
        spec: spec as PivotRunRequest['spec'], snapshotId, ...(lineSet ? { lineSet } : {}),
        ...(args.values['across-counties'] ? { acrossCounties: true } : {}),
      });
      if (args.values.json) io.out(JSON.stringify(result, null, 2));
      else {
        printTable(result, io.out);
        io.err(`口径：${result.meta.koujing.population}；${result.meta.koujing.filters}${result.meta.koujing.incomeYear ? `；${result.meta.koujing.incomeYear}` : ''}；用时 ${result.meta.elapsedMs.toFixed(1)} 毫秒`);
      }
      return 0;
    } finally {
      service.close();
    }
  },
};
