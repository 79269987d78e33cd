import { resolve } from 'node:path';
import type { UserIssue } from '../../../shared/api/common';
import { issueRuleLabel } from '../../../shared/domain/issueRules';
import type { JobStatus } from '../../../shared/api/jobs';
import { ImportJobResult, ImportRefusedResult } from '../../../shared/api/imports';
import { registerPickedSource } from '../../core/import/pickedSources';
import { Refusal } from '../../core/refusal';
import type { CliCommand } from '../command';
import { awaitPreparation, progressLines } from '../jobProgress';
import { openCliService } from '../serviceCall';

function located(i: UserIssue): string {
  const where = [i.file, i.sheet, i.row !== null ? `第 ${i.row} 行` : null, i.column ? `「${i.column}」` : null].filter(Boolean).join(' ');
  return `  [${issueRuleLabel(i.code)}] ${i.message}${where ? `（${where}）` : ''}`;
}

interface ImportOutcome {
  readonly snapshotId: number | null;
  readonly counts: ImportJobResult['counts'];
  readonly warningCount: number;
  readonly errorCount: number;
  readonly warnings: UserIssue[];
  readonly errors: UserIssue[];
}

/** The import job's end as the command prints it: written (its warnings) or refused (its errors too). */
function importOutcome(job: JobStatus): ImportOutcome {
  const warnings = job.issues.filter((i) => i.severity === 'warning');
  const errors = job.issues.filter((i) => i.severity === 'error');
  if (job.state === 'done') {
    const { snapshotId, counts, warningCount } = ImportJobResult.parse(job.result);
    return { snapshotId, counts, warningCount, errorCount: 0, warnings, errors };
  }
  const refused = ImportRefusedResult.safeParse(job.result);
  if (job.state !== 'failed' || !refused.success) throw new Error(job.error ?? `导入未完成（${job.state}）`);
  return { ...refused.data, warnings, errors };
}

/** `tuopin import <file.xlsx | folder | file.zip> [--db F] [--json] [--no-names]` (cli.md). */
export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import <file.xlsx|文件夹|file.zip> [--db F] [--json] [--no-names]',
  summary: '导入县级导出文件为新快照（全部成功或不作任何改动）；--no-names 不保存姓名',
  options: { 'no-names': { type: 'boolean' } },
  allowPositionals: true,
  async run(args, io) {
    const [source, ...extra] = args.positionals;
    if (!source || extra.length > 0) throw new Refusal('invalid_request', '需要且只需要一个要导入的文件或文件夹。用法: tuopin import <file.xlsx|文件夹|file.zip> [--db F]');
    const service = openCliService(args, progressLines(io));
    try {
      const picked = registerPickedSource(service.ctx, resolve(source));
      const { jobId } = await service.call('imports.start', { source: picked.source, keepNames: args.values['no-names'] !== true });
      const result = importOutcome(await service.ctx.jobs.wait(jobId));
      if (result.snapshotId !== null) await awaitPreparation(service.ctx, io);
      if (args.values.json) {
        io.out(JSON.stringify({
          snapshotId: result.snapshotId, counts: result.counts,
          warningCount: result.warningCount, errorCount: result.errorCount,
          warnings: result.warnings, errors: result.errors,
        }, null, 2));
      } else if (result.snapshotId !== null) {
        const c = result.counts;
        io.out(`已导入快照 #${result.snapshotId} 到 ${service.ctx.databasePath}：${c.households} 户、${c.persons} 人、收入 ${c.incomeRows} 条、帮扶措施 ${c.measureRows} 条、状态变化 ${c.eventRows} 条；警告 ${result.warningCount} 条。`);
        for (const w of result.warnings.slice(0, 20)) io.out(located(w));
        if (result.warnings.length > 20) io.out(`  ……其余警告见 tuopin snapshots 或在数据管理中导出问题清单。`);
      }
      if (result.snapshotId === null) {
        if (!args.values.json) {
          io.err(`导入被拒绝：${result.errorCount} 个错误，数据库未作任何改动。`);
          for (const e of result.errors.slice(0, 50)) io.err(located(e));
        }
        return 2;
      }
      return 0;
    } finally {
      service.close();
    }
  },
};
