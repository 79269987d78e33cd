import type { Db } from '../core/db/database';
import { PREPARE_STAGE, prepareDerivedInSteps } from '../core/metrics/derived';
import type { CliIo } from './command';

/**
 * Prepares a snapshot's analysis data right after it was written (tuopin import, tuopin demo), so
 * that the first metric on the database is quick; one progress line per table on stderr.
 */
export async function prepareAnalysisData(db: Db, snapshotId: number, io: Pick<CliIo, 'err'>): Promise<void> {
  let table = '';
  const prepared = await prepareDerivedInSteps(db, snapshotId, {
    // One line per table (the township steps of one table are not listed one by one).
    progress: (_fraction, _stage, name) => {
      if (name !== table) io.err(`${PREPARE_STAGE}（${name}）`);
      table = name;
    },
  });
  io.err(`分析数据已准备好，用时 ${(prepared.ms / 1000).toFixed(1)} 秒`);
}
