import { resolve } from 'node:path';
import { DEFAULT_DEMO_HOUSEHOLDS, DEFAULT_DEMO_SEED, demoCounty } from '../../core/demo/demoCounty';
import { demoRowSource } from '../../core/demo/demoRowSource';
import type { ApiRequest } from '../../../shared/api/contract';
import { DemoCreated, MAX_DEMO_HOUSEHOLDS } from '../../../shared/api/demo';
import type { SnapshotCounts } from '../../core/db/snapshotWriter';
import { writeTemplateCsv } from '../../core/template/writeTemplateCsv';
import type { SheetCounts } from '../../core/template/writeTemplateWorkbook';
import type { DemoCountyName } from '../../core/demo/countyLayout';
import { type CliArgs, type CliCommand, intOption, stringOption } from '../command';
import { Refusal } from '../../core/refusal';
import { awaitPreparation, progressLines } from '../jobProgress';
import { openCliService, type CliService } from '../serviceCall';

function seconds(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}

/** One demo snapshot through the service (demo.create), waited for; a refusal or cancel ends the command. */
async function demoSnapshot(service: CliService, request: ApiRequest<'demo.create'>): Promise<DemoCreated> {
  const { jobId } = await service.call('demo.create', request);
  const job = await service.ctx.jobs.wait(jobId);
  if (job.state !== 'done') throw new Error(job.error ?? `演示县未写入（${job.state}）`);
  return DemoCreated.parse(job.result);
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
    if (households < 1 || households > MAX_DEMO_HOUSEHOLDS) throw new Refusal('invalid_request', `--households 须在 1 到 ${MAX_DEMO_HOUSEHOLDS} 之间，收到 ${households}`);
    const xlsx = stringOption(args, 'xlsx');
    const csv = stringOption(args, 'csv');
    // Files instead of the database unless --db is named too.
    const toDb = stringOption(args, 'db') !== undefined || (xlsx === undefined && csv === undefined);
    const countyName = demoCountyName(args);
    const county = demoCounty({ households, seed, ...(countyName ? { county: countyName } : {}) });
    const result: {
      snapshotId: number | null; counts: SnapshotCounts | null;
      later?: { snapshotId: number; counts: SnapshotCounts }; xlsx?: string; csv?: string;
    } = { snapshotId: null, counts: null };

    if (toDb) {
      const service = openCliService(args, progressLines(io));
      try {
        const request = { households, seed, ...(countyName ? { county: countyName } : {}) };
        let started = performance.now();
        const written = await demoSnapshot(service, { ...request, later: false });
        io.err(`已写入快照 #${written.snapshotId}（${service.ctx.databasePath}），用时 ${seconds(started)} 秒`);
        await awaitPreparation(service.ctx, io);
        // The next year's export of the same county, so that 跨期对比 has something to compare.
        if (args.values['one-snapshot'] !== true) {
          started = performance.now();
          const later = await demoSnapshot(service, { ...request, later: true });
          io.err(`已写入次年快照 #${later.snapshotId}，用时 ${seconds(started)} 秒`);
          await awaitPreparation(service.ctx, io);
          result.later = later;
        }
        result.snapshotId = written.snapshotId;
        result.counts = written.counts;
      } finally {
        service.close();
      }
    }
    if (xlsx !== undefined) {
      const file = resolve(xlsx);
      const started = performance.now();
      // ExcelJS is loaded here, not with every command (`tuopin signals` starts without it).
      const { writeTemplateWorkbook } = await import('../../core/template/writeTemplateWorkbook.js');
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
