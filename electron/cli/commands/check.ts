import type { CliCommand } from '../command';
import { openCliService } from '../serviceCall';
import { snapshotOption } from './metrics';

/** `tuopin check [--db F] [--snapshot ID] [--json]`: every data-quality finding, counted by rule. */
export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'check [--db F] [--snapshot ID] [--json]',
  summary: '数据质量检查：一致性规则、证件号码、代码值、动态调整平衡关系，按规则计数并列出每户',
  options: { snapshot: { type: 'string' } },
  allowPositionals: false,
  async run(args, io) {
    const snapshotId = snapshotOption(args);
    const service = openCliService(args);
    try {
      const result = await service.call('metrics.quality', { snapshotId, limitPerRule: null });
      if (args.values.json) {
        io.out(JSON.stringify(result, null, 2));
        return 0;
      }
      io.out(`${result.koujing.county}  快照 #${result.koujing.snapshotId}  共 ${result.total} 条问题`);
      for (const c of result.counts) io.out(`  ${c.ruleLabel}：${c.count}`);
      for (const f of result.findings.slice(0, 200)) {
        io.out(`[${f.ruleLabel}] ${f.householdCode ?? ''} ${f.township ?? ''}${f.village ?? ''}：${f.detail}`);
      }
      if (result.findings.length > 200) io.out(`……其余 ${result.findings.length - 200} 条请用 --json 输出。`);
      return 0;
    } finally {
      service.close();
    }
  },
};
