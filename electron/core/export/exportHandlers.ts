import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listSnapshots, latestSnapshotId } from '../db/snapshotRepo';
import { createDelivery } from '../delivery/deliveries';
import type { HandlerMap } from '../service/handlers';
import { exportParquet } from './parquetExport';
import { zipFolder } from './zipFolder';
import { Refusal } from '../refusal';

function snapshotIdsOf(ctx: Parameters<HandlerMap<'export.parquet'>['export.parquet']>[0], req: { snapshotIds?: number[] | undefined; all?: boolean | undefined }): number[] {
  if (req.all) return listSnapshots(ctx.db).map((s) => s.id).sort((a, b) => a - b);
  if (req.snapshotIds?.length) return req.snapshotIds;
  const latest = latestSnapshotId(ctx.db);
  if (latest === null) throw new Refusal('not_found', '数据库中还没有快照：请先导入县级导出文件或生成演示县。');
  return [latest];
}

export const exportHandlers: HandlerMap<'export.parquet'> = {
  'export.parquet': async (ctx, req) => {
    const started = performance.now();
    const snapshotIds = snapshotIdsOf(ctx, req);
    const names = req.names ?? false;
    if (req.outDir !== undefined) {
      // Only the user's own command line names a folder; the page gets a delivery.
      if (ctx.host !== 'cli') throw new Refusal('refused', '页面不能指定导出位置：导出文件会以 .zip 交给您保存。');
      const outDir = resolve(req.outDir);
      const manifest = await exportParquet(ctx.db, { snapshotIds, outDir, names, force: req.force ?? false });
      return { manifest, outDir, delivery: null, elapsedMs: performance.now() - started };
    }
    const work = mkdtempSync(join(ctx.workDir, 'parquet-'));
    try {
      const folder = join(work, 'export');
      const manifest = await exportParquet(ctx.db, { snapshotIds, outDir: folder, names, force: false });
      const stamp = manifest.generatedAt.slice(0, 10);
      const base = manifest.counties.length === 1 ? `${manifest.partitions[0]?.countyName ?? '县'}` : `${manifest.counties.length}县`;
      const delivery = await createDelivery(ctx.workDir, `${base}-parquet-${stamp}.zip`, (path) => zipFolder(folder, path, `tuopin-parquet-${stamp}`));
      return { manifest, outDir: null, delivery, elapsedMs: performance.now() - started };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
