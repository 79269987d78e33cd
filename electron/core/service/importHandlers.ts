import type { UserIssue } from '../../../shared/api/common';
import type { ImportJobResult, ImportRefusedResult } from '../../../shared/api/imports';
import { type Db, openDatabase } from '../db/database';
import { getSnapshot, listSnapshotIssues } from '../db/snapshotRepo';
import { importSnapshot } from '../import/importSnapshot';
import { writeIssueReport } from '../import/issueReport';
import { startDerivedPreparation } from './derivedJob';
import { createDelivery } from '../delivery/deliveries';
import { pickedSourcePath } from '../import/pickedSources';
import { Refusal, notFound } from '../refusal';
import type { HandlerMap } from './handlers';
import type { ServiceContext } from './context';

/**
 * The import writes through a connection of its own: its transaction stays open across awaits
 * (progress, cancel), and on the shared connection every other call made meanwhile would land
 * inside it (and be rolled back with a cancel). Other calls keep reading the old state (WAL).
 */
function importConnection(ctx: ServiceContext): { db: Db; close(): void } {
  if (ctx.databasePath === ':memory:' || ctx.databasePath === '') return { db: ctx.db, close: () => undefined };
  const db = openDatabase(ctx.databasePath);
  return { db, close: () => db.close() };
}

export const importHandlers: HandlerMap<'imports.start' | 'imports.saveIssueReport'> = {
  'imports.start': (ctx, req) => {
    const path = pickedSourcePath(ctx, req.source);
    if (path === null) throw new Refusal('refused', '所选文件已失效（工作站重新启动过？）：请重新选择或上传要导入的文件。');
    const jobId = ctx.jobs.start('import', async (control): Promise<ImportJobResult> => {
      const conn = importConnection(ctx);
      try {
        const options = { keepNames: req.keepNames, columnMapping: req.columnMapping };
        const result = await importSnapshot(conn.db, path, options, control);
        if (result.snapshotId === null) {
          const { counts, warningCount, errorCount } = result;
          control.keepResult({ snapshotId: null, counts, warningCount, errorCount } satisfies ImportRefusedResult);
          throw new Refusal('refused', `导入被拒绝：发现 ${errorCount} 个错误，数据库未作任何改动。`, {
            details: [...result.errors, ...result.warnings],
          });
        }
        control.addIssues(result.warnings);
        // Committed: the analysis data is prepared by a job of its own (jobs.active, kind metrics.prepare).
        startDerivedPreparation(ctx, result.snapshotId);
        return {
          snapshotId: result.snapshotId, counts: result.counts, warningCount: result.warningCount,
          writtenBy: result.writtenBy ?? 'inline',
        };
      } finally {
        conn.close();
      }
    });
    return { jobId };
  },

  'imports.saveIssueReport': async (ctx, req) => {
    let issues: UserIssue[];
    let title: string;
    let name: string;
    if (req.jobId !== undefined) {
      const job = ctx.jobs.status(req.jobId);
      if (!job) throw notFound(`没有找到任务 ${req.jobId}`);
      issues = job.issues;
      title = job.state === 'failed' ? `导入被拒绝：${job.error ?? ''}` : '导入问题清单';
      name = `导入问题清单-${req.jobId.slice(0, 8)}.xlsx`;
    } else {
      const id = req.snapshotId as number;
      const snapshot = getSnapshot(ctx.db, id);
      if (!snapshot) throw notFound(`没有找到快照 #${id}`);
      issues = listSnapshotIssues(ctx.db, id, 1_000_000);
      title = `${snapshot.countyName} 截至 ${snapshot.asOf} 快照（#${id}，来源 ${snapshot.sourceName}）导入警告 ${snapshot.warningCount} 条`;
      name = `导入问题清单-快照${id}.xlsx`;
    }
    let rows = 0;
    const delivery = await createDelivery(ctx.workDir, name, async (path) => {
      rows = await writeIssueReport(path, issues, title);
    });
    return { delivery, rows };
  },
};
