import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listSnapshots, latestSnapshotId } from '../db/snapshotRepo';
import { createDelivery } from '../delivery/deliveries';
import type { HostDialogs } from '../service/context';
import type { HandlerMap } from '../service/handlers';
import { exportParquet } from './parquetExport';
import { zipFolder } from './zipFolder';
import { Refusal } from '../refusal';

type Handlers = HandlerMap<'export.parquet' | 'export.parquetFolder'>;

function snapshotIdsOf(
  ctx: Parameters<Handlers['export.parquet']>[0], req: { snapshotIds?: number[] | undefined; all?: boolean | undefined },
): number[] {
  if (req.all) return listSnapshots(ctx.db).map((s) => s.id).sort((a, b) => a - b);
  if (req.snapshotIds?.length) return req.snapshotIds;
  const latest = latestSnapshotId(ctx.db);
  if (latest === null) throw new Refusal('not_found', '数据库中还没有快照：请先导入县级导出文件或生成演示县。');
  return [latest];
}

/** The entries of a chosen folder (a file chosen instead is refused by the export itself). */
function entriesOf(folder: string): string[] {
  return existsSync(folder) && statSync(folder).isDirectory() ? readdirSync(folder) : [];
}

/** Asks before writing into a folder that already holds files; true to go on. */
function askToWriteInto(dialogs: HostDialogs, folder: string, entries: readonly string[]): Promise<boolean> {
  const shown = entries.slice(0, 5).join('、') + (entries.length > 5 ? ' 等' : '');
  return dialogs.ask({
    title: '导出文件夹不是空的',
    message: `所选文件夹中已有 ${entries.length} 个文件或文件夹（${shown}）。要导出到这里吗？`,
    detail: `${folder}\n同名的分区（county_code=…/as_of=…）和 koujing.sql、README.md、manifest.json 会被替换，其他文件保留不动。`,
    confirmLabel: '导出到这里',
    cancelLabel: '取消',
  });
}

export const exportHandlers: Handlers = {
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
  'export.parquetFolder': async (ctx, req) => {
    if (!ctx.dialogs) {
      throw new Refusal('refused', '浏览器中不能选择导出文件夹：请用“导出 Parquet（.zip）”下载后解压。');
    }
    const started = performance.now();
    const snapshotIds = snapshotIdsOf(ctx, req);
    const elapsed = (): number => performance.now() - started;
    const outDir = await ctx.dialogs.openFile({ title: '选择 Parquet 导出文件夹', kind: 'folder', filters: [] });
    if (outDir === null) return { outcome: 'cancelled', manifest: null, outDir: null, elapsedMs: elapsed() };
    const entries = entriesOf(outDir);
    if (entries.length > 0 && !(await askToWriteInto(ctx.dialogs, outDir, entries))) {
      return { outcome: 'declined', manifest: null, outDir, elapsedMs: elapsed() };
    }
    const names = req.names ?? false;
    const manifest = await exportParquet(ctx.db, { snapshotIds, outDir, names, force: entries.length > 0 });
    return { outcome: 'written', manifest, outDir, elapsedMs: elapsed() };
  },
};
