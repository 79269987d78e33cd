import type { StandardMetrics } from '../../../shared/api/standardMetrics';
import { stringOption, type CliArgs, type CliCommand, type CliIo } from '../command';
import { Refusal } from '../../core/refusal';
import { openCliService } from '../serviceCall';

/** --snapshot ID as a positive integer (absent: the newest snapshot). */
export function snapshotOption(args: CliArgs): number | undefined {
  const raw = stringOption(args, 'snapshot');
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Refusal('invalid_request', `--snapshot 需要快照编号（正整数），收到 "${raw}"`);
  return n;
}

function pct(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(1)}%`;
}

function yuan(x: number | null): string {
  return x === null ? '—' : x.toFixed(0);
}

function printText(m: StandardMetrics, io: CliIo): void {
  io.out(`${m.snapshot.county}  快照 #${m.snapshot.id}  截至 ${m.snapshot.asOf}  标准：${m.lineSet.label}`);
  io.out('');
  io.out('收入（截面，人均纯收入 = Σ纯收入 ÷ Σ人口）');
  io.out('年度  户数  人口  人均纯收入  中位数  工资性  净经营性  财产性  转移性  兜底性  增长');
  for (const y of m.income.byYear) {
    io.out([
      y.year, y.households, y.persons, yuan(y.perCapita), yuan(y.medianPerCapita), yuan(y.wage), yuan(y.netBusiness),
      yuan(y.property), yuan(y.transfer), yuan(y.support), pct(y.yoy)].join('  '));
  }
  if (m.income.cagr) io.out(`年均增长 ${m.income.cagr.from}–${m.income.cagr.to}：${pct(m.income.cagr.value)}`);
  if (m.income.panelCagr) io.out(`平衡面板年均增长：${pct(m.income.panelCagr.value)}（${m.income.panelCagr.households} 户）`);
  io.out('');
  io.out('脱贫（户 / 人）');
  for (const y of m.exits.byYear) io.out(`${y.year}  ${y.households} 户  ${y.persons} 人`);
  for (const [method, label] of [['income', '收入法'], ['structural', '结构法'], ['recorded', '措施记录法']] as const) {
    const parts = Object.entries(m.exits.attribution[method]).map(([k, v]) => `${k} ${v.persons} 人 ${pct(v.share)}`);
    io.out(`${label}：${parts.join('；')}`);
  }
  io.out('');
  io.out('返贫');
  for (const y of m.returns.byYear) {
    const causes = Object.entries(y.byCause).map(([k, v]) => `${k} ${v.persons} 人`).join('、');
    io.out(`${y.year}  ${y.households} 户  ${y.persons} 人  返贫率 ${pct(y.rate)}  （${causes}）`);
  }
  io.out('');
  const cats = Object.entries(m.monitoring.byCategory).map(([k, v]) => `${k} ${v.households} 户 ${v.persons} 人`).join('；');
  io.out(`监测对象：${cats}；风险已消除 ${m.monitoring.eliminated.households} 户（${pct(m.monitoring.eliminated.rate)}）`);
  io.out('');
  io.out('动态调整：年度  单位  年初  新识别  返贫  脱贫  自然减少  清退  年末');
  for (const f of m.flows) {
    io.out([f.year, f.unit === 'households' ? '户' : '人', f.start, f.identified, f.returned, f.exited, f.naturalDecrease, f.removed, f.end].join('  '));
  }
}

/** `tuopin metrics [--db F] [--snapshot ID] [--line-set NAME] [--json]`: the standard set of cli.md. */
export const metricsCommand: CliCommand = {
  name: 'metrics',
  usage: 'metrics [--db F] [--snapshot ID] [--line-set NAME] [--json]',
  summary: '计算标准指标：收入增长、脱贫及脱贫方式、返贫、防返贫监测、动态调整（--line-set 只对本次计算换用标准）',
  options: { snapshot: { type: 'string' }, 'line-set': { type: 'string' } },
  allowPositionals: false,
  async run(args, io) {
    const snapshotId = snapshotOption(args);
    const lineSet = stringOption(args, 'line-set');
    const service = openCliService(args);
    try {
      const m = await service.call('metrics.standard', { snapshotId, ...(lineSet ? { lineSet } : {}) });
      if (args.values.json) io.out(JSON.stringify(m, null, 2));
      else printText(m, io);
      return 0;
    } finally {
      service.close();
    }
  },
};
