import type { UserIssue } from '../../../../shared/api/common';
import type { Db } from '../../db/database';
import type { EventRow, SnapshotMeta } from '../../db/snapshotRows';
import { type SnapshotCounts, SnapshotWriter } from '../../db/snapshotWriter';
import { incomeRowAt } from '../crossChecks';
import type { ParsedSnapshot } from '../parsedSnapshot';
import { releaseMemory } from '../releaseMemory';
import { cancellation } from '../../refusal';

/** Rows written between two yields to the event loop (progress polls, the cancel button). */
export const WRITE_CHUNK = 5_000;

export interface WriteControl {
  progress(fraction: number, stage: string): void;
  readonly cancelled: boolean;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Writes a validated snapshot in one transaction (SnapshotWriter). Between chunks it lets the
 * event loop run and honours a cancel; a cancel or any failure rolls the transaction back, so
 * the file is left exactly as it was.
 */
export async function writeSnapshot(
  db: Db, parsed: ParsedSnapshot, meta: SnapshotMeta, events: readonly EventRow[],
  warnings: readonly UserIssue[], warningCount: number, control: WriteControl,
): Promise<{ snapshotId: number; counts: SnapshotCounts }> {
  const total = parsed.households.length + parsed.persons.length + parsed.income.length + parsed.measures.length
    + events.length + parsed.villages.length + warnings.length || 1;
  let written = 0;
  const writer = SnapshotWriter.begin(db, meta, { expectedRows: total });
  try {
    const step = async (stage: string, n: number, write: (i: number) => void): Promise<void> => {
      for (let start = 0; start < n; start += WRITE_CHUNK) {
        if (control.cancelled) throw cancellation();
        const end = Math.min(n, start + WRITE_CHUNK);
        for (let i = start; i < end; i++) write(i);
        written += end - start;
        control.progress(written / total, stage);
        await yieldToEventLoop();
      }
    };
    const { households, persons, measures, villages } = parsed;
    await step('写入户信息', households.length, (i) => writer.addHousehold(households[i] as (typeof households)[number]));
    // Rows once written are no longer needed (the writer keeps the household ids and sizes): let
    // them go as the write proceeds, which is where the peak memory of a large county is.
    households.length = 0;
    await step('写入家庭成员', persons.length, (i) => writer.addPerson(persons[i] as (typeof persons)[number]));
    persons.length = 0;
    await step('写入收入情况', parsed.income.length, (i) => {
      const code = parsed.index.code(parsed.income.household(i));
      writer.addIncome(incomeRowAt(parsed, i, writer.householdSize(code) ?? 1));
    });
    parsed.income.clear();
    await step('写入帮扶措施', measures.length, (i) => writer.addMeasure(measures[i] as (typeof measures)[number]));
    measures.length = 0;
    await step('写入状态变化', events.length, (i) => writer.addEvent(events[i] as EventRow));
    parsed.events.length = 0;
    await step('写入村情', villages.length, (i) => writer.addVillage(villages[i] as (typeof villages)[number]));
    await step('保存警告', warnings.length, (i) => writer.addIssue(warnings[i] as UserIssue));
    if (control.cancelled) throw cancellation();
    // On a large county the index builds and the commit take tens of seconds: the bar says so
    // instead of staying on the last rows written.
    control.progress(1, '建立索引并保存…');
    await yieldToEventLoop();
    releaseMemory();
    return writer.commit(warningCount);
  } catch (err) {
    writer.rollback();
    throw err;
  }
}
