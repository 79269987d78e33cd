import { resolve } from 'node:path';
import { DEFAULT_DEMO_HOUSEHOLDS, DEFAULT_DEMO_SEED, demoCounty } from '../../core/demo/demoCounty';
import { demoRowSource } from '../../core/demo/demoRowSource';
import { writeDemoSnapshot, writeLaterDemoSnapshot } from '../../core/demo/writeDemoSnapshot';
import { prepareAnalysisData } from '../prepareAnalysisData';
import type { SnapshotCounts } from '../../core/db/snapshotWriter';
import { writeTemplateCsv } from '../../core/template/writeTemplateCsv';
import { writeTemplateWorkbook, type SheetCounts } from '../../core/template/writeTemplateWorkbook';
import type { DemoCountyName } from '../../core/demo/countyLayout';
import { type CliArgs, type CliCommand, intOption, stringOption } from '../command';
import { Refusal } from '../../core/refusal';
import { openCliDatabase } from '../openDb';

const MAX_HOUSEHOLDS = 2_000_000;

/** Prints a progress line each time another tenth is done. */
function tenths(io: { err(t: string): void }, label: string): (fraction: number) => void {
  let last = -1;
  return (fraction) => {
    const step = Math.floor(fraction * 10);
    if (step > last) {
      last = step;
      io.err(`${label} ${step * 10}%`);
    }
  };
}

function countsFromSheets(c: SheetCounts): SnapshotCounts {
  return {
    households: c['户信息'] ?? 0, persons: c['家庭成员'] ?? 0, incomeRows: c['收入情况'] ?? 0,
    measureRows: c['帮扶措施'] ?? 0, eventRows: c['状态变化'] ?? 0,
  };
}

/** --county-code and --county-name: the demo county under another code (both or neither). */
function demoCountyName(args: CliArgs): DemoCountyName | null {
  const code = stringOption(args, 'county-code');
  const name = stringOption(args, 'county-name');
  if (code === undefined && name === undefined) return null;
  if (code === undefined || !/^\d{6}$/.test(code)) throw new Refusal('invalid_request', `--county-code 须为 6 位数字的县级区划代码，收到 ${code ?? '（空）'}`);
  if (name === undefined || name.trim() === '') throw new Refusal('invalid_request', '--county-code 需要同时给出 --county-name（县名）');
  return { code, name: name.trim() };
}

export const demoCommand: CliCommand = {
  name: 'demo',
  usage: 'demo [--db F] [--households N] [--seed S] [--county-code 6位代码 --county-name 县名] [--one-snapshot] [--xlsx F] [--csv DIR]',
  summary: '生成确定性的演示县（同一种子，同一数据）：写入数据库（截至 2023 年末与次年末两期快照；--one-snapshot 只写第一期），或写成标准模板工作簿 / CSV',
  options: {
    households: { type: 'string' },
    seed: { type: 'string' },
    xlsx: { type: 'string' },
    csv: { type: 'string' },
    'county-code': { type: 'string' },
    'county-name': { type: 'string' },
    'one-snapshot': { type: 'boolean' },
  },
  allowPositionals: false,
  async run(args, io) {
    const households = intOption(args, 'households', DEFAULT_DEMO_HOUSEHOLDS);
    const seed = intOption(args, 'seed', DEFAULT_DEMO_SEED);
    if (households < 1 || households > MAX_HOUSEHOLDS) throw new Refusal('invalid_request', `--households 须在 1 到 ${MAX_HOUSEHOLDS} 之间，收到 ${households}`);
    const xlsx = stringOption(args, 'xlsx');
    const csv = stringOption(args, 'csv');
    // Files instead of the database unless --db is named too.
    const toDb = stringOption(args, 'db') !== undefined || (xlsx === undefined && csv === undefined);
    const countyName = demoCountyName(args);
    const county = demoCounty({ households, seed, ...(countyName ? { county: countyName } : {}) });
    const result: {
      snapshotId: number | null; counts: SnapshotCounts | null; later?: { snapshotId: number; counts: SnapshotCounts }; xlsx?: string; csv?: string;
    } = { snapshotId: null, counts: null };

    if (toDb) {
      const { db, path } = openCliDatabase(args);
      try {
        const options = { households, seed, ...(countyName ? { county: countyName } : {}) };
        let started = performance.now();
        const written = await writeDemoSnapshot(db, { ...options, onProgress: tenths(io, '写入数据库') });
        io.err(`已写入快照 #${written.snapshotId}（${path}），用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
        await prepareAnalysisData(db, written.snapshotId, io);
        // The next year's export of the same county, so that 跨期对比 has something to compare.
        if (args.values['one-snapshot'] !== true) {
          started = performance.now();
          const later = await writeLaterDemoSnapshot(db, { ...options, onProgress: tenths(io, '写入次年快照') });
          io.err(`已写入次年快照 #${later.snapshotId}，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
          await prepareAnalysisData(db, later.snapshotId, io);
          result.later = later;
        }
        result.snapshotId = written.snapshotId;
        result.counts = written.counts;
      } finally {
        db.close();
      }
    }
    if (xlsx !== undefined) {
      const file = resolve(xlsx);
      const started = performance.now();
      const counts = await writeTemplateWorkbook(demoRowSource(county), file, {
        onProgress: (sheet, n) => { if (n % 200000 === 0) io.err(`写入工作簿 ${sheet} ${n} 行`); },
      });
      io.err(`已写入工作簿 ${file}，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
      result.xlsx = file;
      result.counts ??= countsFromSheets(counts);
    }
    if (csv !== undefined) {
      const dir = resolve(csv);
      const started = performance.now();
      const counts = await writeTemplateCsv(demoRowSource(county), dir, {
        onProgress: (sheet, n) => { if (n % 200000 === 0) io.err(`写入 CSV ${sheet} ${n} 行`); },
      });
      io.err(`已写入 CSV 文件夹 ${dir}，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
      result.csv = dir;
      result.counts ??= countsFromSheets(counts);
    }

    if (args.values.json) {
      io.out(JSON.stringify(result, null, 2));
    } else {
      const c = result.counts;
      if (c) io.out(`${county.meta.countyName}：${c.households} 户，${c.persons} 人，收入 ${c.incomeRows} 条，帮扶措施 ${c.measureRows} 条，状态变化 ${c.eventRows} 条`);
    }
    return 0;
  },
};
