import { SIGNALS, SIGNAL_LABELS, type SignalsResult } from '../../../shared/api/evaluation';
import { stringOption, type CliCommand, type CliIo } from '../command';
import { callService, openCliService } from '../serviceCall';
import { snapshotOption } from './metrics';

function printText(s: SignalsResult, io: CliIo): void {
  io.out(`收入测算核查：${s.snapshot.county}  快照 #${s.snapshot.id}（${s.snapshot.asOf}）  标准：${s.koujing.lineSet.label}`);
  io.out(`脱贫 ${s.exits} 户次，其中有当年收入记录 ${s.judged} 户次`);
  for (const k of SIGNALS) io.out(`  ${k} ${SIGNAL_LABELS[k]}：${s.bySignal[k].exits} 户次（${s.bySignal[k].households} 户）`);
  const share = s.anySignal.share === null ? '—' : `${(s.anySignal.share * 100).toFixed(1)}%`;
  io.out(`  任一信号：${s.anySignal.exits} 户次（${s.anySignal.households} 户），占脱贫户次 ${share}`);
  io.out('聚集比（全县）：年度  标准  线上户  线下户  比值');
  for (const b of s.bunching.filter((x) => x.township === null)) {
    io.out(`  ${b.year}  ${b.line}  ${b.above}  ${b.below}  ${b.ratio === null ? '—' : b.ratio.toFixed(2)}`);
  }
  for (const n of s.koujing.notes) io.out(`口径：${n}`);
}

/** `tuopin signals [--db F] [--snapshot ID] [--line-set NAME] [--json]`: signals of calculated exits. */
export const signalsCommand: CliCommand = {
  name: 'signals',
  usage: 'signals [--db F] [--snapshot ID] [--line-set NAME] [--json]',
  summary: '收入测算核查（算账式脱贫信号 S1–S5、贫困线附近的聚集比）',
  options: { snapshot: { type: 'string' }, 'line-set': { type: 'string' } },
  allowPositionals: false,
  async run(args, io) {
    const snapshotId = snapshotOption(args);
    const lineSet = stringOption(args, 'line-set');
    const service = openCliService(args);
    try {
      const s = await callService(service.ctx, 'evaluation.signals', {
        ...(snapshotId !== undefined ? { snapshotId } : {}), ...(lineSet ? { lineSet } : {}),
        // The text prints no list: none is asked for, every row for --json.
        listLimit: args.values.json ? null : 0,
      });
      // One line: with every flagged exit listed (≈ 133,000 on the large county) indenting made
      // 65 MB of output instead of 38 and cost a second; cli.md asks for the fields, not a layout.
      if (args.values.json) io.out(JSON.stringify(s));
      else printText(s, io);
      return 0;
    } finally {
      service.close();
    }
  },
};
