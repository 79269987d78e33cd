import { INCOME_FIELD_LABELS, PRESENCE_KINDS, PRESENCE_LABELS, type CompareResult } from '../../../shared/api/evaluation';
import { stringOption, type CliArgs, type CliCommand, type CliIo } from '../command';
import { Refusal } from '../../core/refusal';
import { callService, openCliService } from '../serviceCall';

function snapshotArg(args: CliArgs, name: 'from' | 'to'): number {
  const raw = stringOption(args, name);
  if (raw === undefined) throw new Refusal('invalid_request', `缺少 --${name}：请给出${name === 'from' ? '基期（较早）' : '对比期（较新）'}快照的编号（tuopin snapshots 可列出）`);
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Refusal('invalid_request', `--${name} 需要快照编号（正整数），收到 "${raw}"`);
  return n;
}

function printText(c: CompareResult, io: CliIo): void {
  io.out(`跨期对比：${c.from.county}  快照 #${c.from.id}（${c.from.asOf}）→ #${c.to.id}（${c.to.asOf}）`);
  for (const k of PRESENCE_KINDS) io.out(`  ${PRESENCE_LABELS[k]}：${c.households[k]} 户`);
  io.out('状态转移（A → B：户 / 人）');
  for (const t of c.transitions) io.out(`  ${t.from} → ${t.to}：${t.households} 户 ${t.persons} 人`);
  const ch = c.changes;
  io.out(`记录变化：属性 ${ch.attribute} 户，主要致贫原因 ${ch.mainCause} 户，家庭人口数 ${ch.size} 户，监测对象类别 ${ch.monitoringCategory} 户，`
    + `风险是否已消除 ${ch.riskEliminated} 户；新增成员 ${ch.membersAdded} 人，减少成员 ${ch.membersGone} 人`);
  io.out(`历史数据修改：收入记录 ${c.retroactive.incomeRows} 条，状态变化 ${c.retroactive.events} 条，涉及 ${c.retroactive.households} 户`);
  for (const t of c.retroactive.byTownship) io.out(`  ${t.township}：收入记录 ${t.incomeRows} 条，状态变化 ${t.events} 条`);
  for (const e of c.lists.retroactiveIncome.slice(0, 20)) {
    io.out(`  ${e.household} ${e.year}年 ${INCOME_FIELD_LABELS[e.field]}：${e.from ?? '空'} → ${e.to ?? '空'}`);
  }
  for (const k of c.koujing) io.out(`口径：${k}`);
}

/** `tuopin compare [--db F] --from A --to B [--json]`: what changed between two snapshots of one county. */
export const compareCommand: CliCommand = {
  name: 'compare',
  usage: 'compare [--db F] --from A --to B [--json]',
  summary: '跨期对比：同一县两个快照之间的新增、消失、改号、状态转移、记录变化和历史数据修改',
  options: { from: { type: 'string' }, to: { type: 'string' } },
  allowPositionals: false,
  async run(args, io) {
    const from = snapshotArg(args, 'from');
    const to = snapshotArg(args, 'to');
    const service = openCliService(args);
    try {
      const c = await callService(service.ctx, 'evaluation.compare', { fromSnapshotId: from, toSnapshotId: to, listLimit: null });
      if (args.values.json) io.out(JSON.stringify(c, null, 2));
      else printText(c, io);
      return 0;
    } finally {
      service.close();
    }
  },
};
