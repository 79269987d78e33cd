import type { IdSecretStatus } from '../../../shared/api/idSecret';
import type { CliCommand, CliIo } from '../command';
import { openCliService } from '../serviceCall';

function print(s: IdSecretStatus, io: CliIo): void {
  io.out(s.message ?? `证件号码散列密钥：正常，保存在 ${s.where}（不在数据库文件中，请随数据库一并备份）。`);
  io.out(`密钥丢失时受影响：${s.affects.join('；')}。`);
  io.out(`不受影响：${s.keeps.join('；')}。`);
}

export const idSecretCommand: CliCommand = {
  name: 'id-secret',
  usage: 'id-secret [--db F] [--renew] [--json]',
  summary: '查看证件号码散列密钥（保存在数据库文件之外）；密钥丢失时用 --renew 确认生成新密钥（新旧快照之间不再按证件号对应）',
  options: { renew: { type: 'boolean' } },
  allowPositionals: false,
  async run(args, io) {
    const service = openCliService(args);
    try {
      const status = args.values.renew
        ? await service.call('idSecret.renew', { confirm: true })
        : await service.call('idSecret.status', {});
      if (args.values.json) io.out(JSON.stringify(status, null, 2));
      else print(status, io);
      // Lost or sealed: exit 2, as a refused import does, so that a script notices.
      return status.state === 'ok' ? 0 : 2;
    } finally {
      service.close();
    }
  },
};
