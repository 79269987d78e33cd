import { stringOption, type CliCommand } from '../command';
import { Refusal } from '../../core/refusal';
import { callService, openCliService } from '../serviceCall';
import { snapshotOption } from './metrics';

/**
 * `tuopin export [--db F] [--snapshot ID|--all] --format parquet --out DIR [--names] [--force]`:
 * Parquet partitions, manifest.json and koujing.sql for DuckDB, Spark or Trino (issue 16).
 */
export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export [--db F] [--snapshot ID|--all] --format parquet --out DIR [--names] [--force] [--json]',
  summary: '导出为 Parquet 分区（county_code=…/as_of=…）并附 manifest.json 和口径 SQL（koujing.sql），供 DuckDB、Spark、Trino 汇总多县',
  options: {
    snapshot: { type: 'string' }, all: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' },
    names: { type: 'boolean' }, force: { type: 'boolean' },
  },
  allowPositionals: false,
  async run(args, io) {
    const format = stringOption(args, 'format') ?? 'parquet';
    if (format !== 'parquet') throw new Refusal('invalid_request', `--format 目前只支持 parquet，收到 "${format}"`);
    const out = stringOption(args, 'out');
    if (out === undefined) throw new Refusal('invalid_request', '需要 --out DIR：导出写入的文件夹');
    const snapshot = snapshotOption(args);
    const all = args.values.all === true;
    if (all && snapshot !== undefined) throw new Refusal('invalid_request', '--snapshot 与 --all 只能给一个');
    const service = openCliService(args);
    try {
      const result = await callService(service.ctx, 'export.parquet', {
        ...(snapshot !== undefined ? { snapshotIds: [snapshot] } : {}), all, names: args.values.names === true,
        outDir: out, force: args.values.force === true,
      });
      if (args.values.json) {
        const elapsedMs = Math.round(result.elapsedMs);
        io.out(JSON.stringify({ out: result.outDir, manifest: result.manifest, elapsedMs }, null, 2));
      } else {
        for (const p of result.manifest.partitions) {
          const rows = p.files.map((f) => `${f.table} ${f.rows}`).join('，');
          io.out(`${p.countyName}（${p.countyCode}，截至 ${p.asOf}）→ ${p.path}：${rows} 行`);
        }
        io.out(`已写入 ${result.outDir ?? ''}（manifest.json、koujing.sql），用时 ${(result.elapsedMs / 1000).toFixed(1)} 秒`);
      }
      return 0;
    } finally {
      service.close();
    }
  },
};
