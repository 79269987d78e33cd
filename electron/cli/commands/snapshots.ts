import type { CliCommand } from '../command';
import { openCliService } from '../serviceCall';

export const snapshotsCommand: CliCommand = {
  name: 'snapshots',
  usage: 'snapshots [--db F] [--json]',
  summary: '列出数据库中的县级数据快照',
  options: {},
  allowPositionals: false,
  async run(args, io) {
    const service = openCliService(args);
    try {
      const list = await service.call('snapshots.list', {});
      if (args.values.json) {
        io.out(JSON.stringify(list, null, 2));
      } else if (list.length === 0) {
        io.out('数据库中还没有快照。用 tuopin import 导入县级导出文件，或用 tuopin demo 生成演示县。');
      } else {
        for (const s of list) {
          io.out(`#${s.id}  ${s.countyName}  截至 ${s.asOf}  ${s.households} 户 ${s.persons} 人  收入 ${s.incomeRows} 条  警告 ${s.warningCount}  来源 ${s.sourceName}`);
        }
      }
      return 0;
    } finally {
      service.close();
    }
  },
};
