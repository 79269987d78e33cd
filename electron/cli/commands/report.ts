import { copyFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ReportExportResult, ReportFormat, ReportMode } from '../../../shared/api/report';
import { deliveredFile } from '../../core/delivery/deliveries';
import { stringOption, type CliArgs, type CliCommand } from '../command';
import { Refusal } from '../../core/refusal';
import { callService, openCliService } from '../serviceCall';
import { snapshotOption } from './metrics';

function yearOption(args: CliArgs, name: string): number | undefined {
  const raw = stringOption(args, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 2000 || n > 2100) throw new Refusal('invalid_request', `--${name} 需要年份（如 2020），收到 "${raw}"`);
  return n;
}

/**
 * `tuopin report [--db F] --format docx|pdf|xlsx --out FILE [--snapshot ID] [--from Y --to Y] [--mode …] [--json]`:
 * the report.export method through the front door, then the delivered file copied to --out.
 */
export const reportCommand: CliCommand = {
  name: 'report',
  usage: 'report [--db F] --format docx|pdf|xlsx --out FILE [--snapshot ID] [--from Y --to Y] [--mode circulation|internal] [--line-set NAME] [--json]',
  summary: '生成向县人大常委会的汇报材料（DOCX、PDF 或 XLSX）；默认流通版（少于 3 人的格子显示为 <3）',
  options: {
    format: { type: 'string' }, out: { type: 'string' }, snapshot: { type: 'string' }, from: { type: 'string' },
    to: { type: 'string' }, mode: { type: 'string' }, 'line-set': { type: 'string' },
  },
  allowPositionals: false,
  async run(args, io) {
    const format = ReportFormat.safeParse(stringOption(args, 'format'));
    if (!format.success) throw new Refusal('invalid_request', '--format 需要 docx、pdf 或 xlsx');
    const out = stringOption(args, 'out');
    if (!out) throw new Refusal('invalid_request', '--out 需要输出文件的路径');
    const mode = ReportMode.safeParse(stringOption(args, 'mode') ?? 'circulation');
    if (!mode.success) throw new Refusal('invalid_request', '--mode 需要 circulation（流通版）或 internal（内部版）');
    const from = yearOption(args, 'from');
    const to = yearOption(args, 'to');
    const snapshotId = snapshotOption(args);
    const lineSet = stringOption(args, 'line-set');
    const service = openCliService(args);
    try {
      const { jobId } = await callService(service.ctx, 'report.export', {
        format: format.data, mode: mode.data,
        ...(snapshotId !== undefined ? { snapshotId } : {}),
        ...(lineSet ? { lineSet } : {}),
        ...(from !== undefined || to !== undefined
          ? { years: { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) } }
          : {}),
      });
      const job = await service.ctx.jobs.wait(jobId);
      if (job.state !== 'done') {
        const details = job.issues.map((i) => `  ${i.message}`).join('\n');
        throw new Refusal('refused', `${job.error ?? '报告未生成'}${details ? `\n${details}` : ''}`);
      }
      const result = ReportExportResult.parse(job.result);
      const file = deliveredFile(service.ctx.workDir, result.delivery.id);
      if (!file) throw new Error('报告文件丢失');
      const target = resolve(out);
      await copyFile(file.path, target);
      const summary = {
        out: target, format: result.format, mode: result.mode,
        ...(result.pages !== null ? { pages: result.pages } : {}),
        sha256: result.sha256, elapsedMs: Math.round(result.elapsedMs),
      };
      if (args.values.json) io.out(JSON.stringify(summary, null, 2));
      else io.out(`已生成 ${target}（${result.format.toUpperCase()}，${result.mode === 'internal' ? '内部版' : '流通版'}${result.pages !== null ? `，${result.pages} 页` : ''}，SHA-256 ${result.sha256}）`);
      return 0;
    } finally {
      service.close();
    }
  },
};
