import { Refusal } from '../../core/refusal';
import { type CliCommand, stringOption } from '../command';
import { openCliService } from '../serviceCall';

export const snapshotsCommand: CliCommand = {
  name: 'snapshots',
  usage: 'snapshots [--db F] [--json] [--delete 编号]',
  summary: '列出数据库中的县级数据快照；--delete 删除一个快照（一个事务：删完或不删）',
  options: { delete: { type: 'string' } },
  allowPositionals: false,
  async run(args, io) {
    const toDelete = stringOption(args, 'delete');
    const id = toDelete === undefined ? null : Number(toDelete);
    if (id !== null && !(Number.isInteger(id) && id > 0)) throw new Refusal('invalid_request', `--delete 需要快照编号（正整数），收到 "${toDelete}"`);
    const service = openCliService(args);
    try {
      if (id !== null) {
        const { deleted } = await service.call('snapshots.delete', { id });
        if (!deleted) throw new Refusal('not_found', `没有快照 #${id}`);
        io.out(`已删除快照 #${id}`);
        return 0;
      }
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
