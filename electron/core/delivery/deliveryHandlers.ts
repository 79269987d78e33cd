import { copyFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { HandlerMap } from '../service/handlers';
import { notFound, Refusal } from '../refusal';
import { deliveredFile } from './deliveries';

export const deliveryHandlers: HandlerMap<'delivery.save'> = {
  'delivery.save': async (ctx, req) => {
    if (!ctx.dialogs) {
      throw new Refusal('refused', '浏览器中的导出文件会直接下载，无需另存。');
    }
    const file = deliveredFile(ctx.workDir, req.id);
    if (!file) throw notFound('要保存的文件已不存在：请重新导出。');
    const extension = extname(file.fileName).slice(1);
    const target = await ctx.dialogs.saveFile({
      title: req.title ?? '保存文件',
      defaultName: file.fileName,
      filters: extension ? [{ name: `${extension.toUpperCase()} 文件`, extensions: [extension] }] : [],
    });
    if (target === null) return { saved: false, savedAs: null };
    await copyFile(file.path, target);
    return { saved: true, savedAs: target };
  },
};
