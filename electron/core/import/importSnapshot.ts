import type { UserIssue } from '../../../shared/api/common';
import type { Db } from '../db/database';
import { idHashSecret, IdSecretUnavailable } from '../identity/idSecret';
import { listSnapshots } from '../db/snapshotRepo';
import type { SnapshotCounts } from '../db/snapshotWriter';
import { crossCheck } from './crossChecks';
import { deriveEvents } from './deriveEvents';
import { IssueCollector } from './issueCollector';
import { ParsedSnapshot } from './parsedSnapshot';
import { readImportSource, type SourceFacts } from './readers/importSource';
import { type ColumnMapping, SheetDispatcher } from './sheetDispatcher';
import { snapshotMetaOf } from './snapshotMeta';
import type { BackgroundWrite } from './write/backgroundWrite';
import { startWriteThread, type WriteMode } from './write/chooseWriter';
import { RowShipper } from './write/rowShipper';
import { writeSnapshot } from './write/writeSnapshot';
import { releaseMemory } from './releaseMemory';
import type { SnapshotMeta } from '../db/snapshotRows';
import { basename } from 'node:path';
import { unreadableMessage } from './readers/unreadableMessage';
import { cancellation, isCancellation, isRefusal } from '../refusal';

export interface ImportOptions {
  /** 保留姓名 (default on): when off, names are not stored. */
  readonly keepNames?: boolean;
  readonly lineSet?: string;
  /** Headers mapped by hand: sheet name → export header → template header. */
  readonly columnMapping?: ColumnMapping;
  /** Where the rows are written (chooseWriter.ts); 'auto' by default. */
  readonly writeMode?: WriteMode;
}

/** Progress and cancel, as a job gives them (JobControl fits). */
export interface ImportControl {
  progress(fraction: number | null, stage: string): void;
  readonly cancelled: boolean;
}

export interface ImportResult {
  /** Null when the import was refused: then nothing was written. */
  readonly snapshotId: number | null;
  /** Rows written, or (when refused) rows read. */
  readonly counts: SnapshotCounts;
  readonly warnings: UserIssue[];
  readonly errors: UserIssue[];
  /** All warnings and errors, including those beyond the per-code listing cap. */
  readonly warningCount: number;
  readonly errorCount: number;
  /** Occurrences of each issue code. */
  readonly issueCounts: Record<string, number>;
  /**
   * Who wrote the snapshot: a write thread alongside the reading, or the caller's connection after it (null: refused).
   */
  readonly writtenBy: 'thread' | 'inline' | null;
}

const NO_CONTROL: ImportControl = { progress: () => undefined, cancelled: false };
const READ_SHARE = 0.6;
const CHECK_SHARE = 0.05;
/** With a write thread most rows are written by the end of the reading: the bar gives the reading more. */
const THREADED_READ_SHARE = 0.8;
const THREADED_DRAIN_SHARE = 0.1;

function parsedCounts(parsed: ParsedSnapshot): SnapshotCounts {
  return {
    households: parsed.households.length, persons: parsed.persons.length, incomeRows: parsed.income.length,
    measureRows: parsed.measures.length, eventRows: parsed.events.length,
  };
}

function mustHaveHouseholds(parsed: ParsedSnapshot, issues: IssueCollector, source: string): void {
  const at = { file: source, sheet: null, row: null, column: null };
  if (!parsed.hasSheet('households')) {
    if (!issues.hasErrors()) {
      issues.error('sheet.householdsMissing', `「${source}」中找不到「户信息」表（必需）：工作表或 CSV 文件应名为“户信息”，或带有户编号、家庭人口数等列。`, at, null, '户信息');
    }
  } else if (parsed.households.length === 0 && !issues.hasErrors()) {
    issues.error('file.noHouseholds', '「户信息」中没有数据行。', at, null, '至少一户');
  }
}

/**
 * Imports one county export (an .xlsx, a folder or .zip of CSVs) as a new snapshot, all or
 * nothing: the snapshot is written in one transaction with its warnings, committed only when every
 * row has been read and every check has passed; with any error the transaction is rolled back (or
 * never begun) and the errors are returned. A large source is written on a write thread while it
 * is read (write/chooseWriter.ts), a small one after the reading. A cancel (control.cancelled)
 * throws a cancellation and leaves the database as it was.
 */
export async function importSnapshot(
  db: Db, source: string, options: ImportOptions = {}, control: ImportControl = NO_CONTROL,
): Promise<ImportResult> {
  const issues = new IssueCollector();
  const parsed = new ParsedSnapshot();
  // A lost hashing secret is said before any reading: no hash is made under a secret nobody chose.
  let secret: Buffer;
  try {
    secret = idHashSecret(db);
  } catch (err) {
    if (!(err instanceof IdSecretUnavailable)) throw err;
    issues.error(`idSecret.${err.state}`, err.message, { file: basename(source), sheet: null, row: null, column: null });
    return refusedBeforeReading(issues);
  }
  const dispatcher = new SheetDispatcher(parsed, issues, options.columnMapping);
  const keepNames = options.keepNames ?? true;
  const thread = await startWriteThread(db, source, options.writeMode ?? 'auto', { keepNames, lineSet: options.lineSet, idSecret: secret });
  const shipper = thread ? new RowShipper(parsed, thread) : null;
  const readShare = thread ? THREADED_READ_SHARE : READ_SHARE;
  try {
    let facts: SourceFacts | null = null;
    try {
      facts = await readImportSource(source, dispatcher, {
        progress: (done, total, stage) => {
          shipper?.pump();
          control.progress(readShare * (done / total), stage);
        },
        get cancelled() {
          return control.cancelled;
        },
      });
    } catch (err) {
      if (isCancellation(err)) throw err;
      if (isRefusal(err)) {
        const { file = null, sheet = null, row = null, column = null } = err.where;
        issues.error(err.issue ?? 'file.unreadable', err.message, { file: file ?? basename(source), sheet, row, column });
      } else {
        const file = basename(source);
        issues.error('file.unreadable', unreadableMessage(file, err), { file, sheet: null, row: null, column: null });
      }
    }
    if (control.cancelled) throw cancellation();
    control.progress(readShare, '校验');
    let result: { snapshotId: number; counts: SnapshotCounts } | null = null;
    let writtenBy: ImportResult['writtenBy'] = null;
    if (facts) {
      const same = listSnapshots(db).find((s) => s.sourceSha256 === facts?.sourceSha256);
      if (same) {
        issues.warning('source.alreadyImported', `同一文件（内容完全相同）已导入为快照 #${same.id}（${same.countyName}，截至 ${same.asOf}，导入于 ${same.importedAt.slice(0, 10)}）；这次导入会再建一个快照。`,
          { file: facts.sourceName, sheet: null, row: null, column: null });
      }
      mustHaveHouseholds(parsed, issues, facts.sourceName);
      crossCheck(parsed, issues, dispatcher.incomeTotals);
      // Given 纯收入 / 人均纯收入 are checked: two doubles per income row less during the write.
      dispatcher.incomeTotals.net.length = 0;
      dispatcher.incomeTotals.perCapita.length = 0;
      const meta = snapshotMetaOf(parsed, facts, { keepNames, lineSet: options.lineSet }, issues);
      const events = meta && meta.eventsDerived ? deriveEvents(parsed, Number(meta.asOf.slice(0, 4)), issues)
        : parsed.events;
      if (meta && !issues.hasErrors()) {
        const progress = threadProgress(control);
        // The thread is first let catch up with the reading: if it failed on the way (it could not
        // open the file, say), every row is still here to be written on this connection instead.
        if (shipper && thread && !thread.error) {
          shipper.flush(meta.eventsDerived ? events : null);
          await thread.drained(() => progress(thread));
        }
        if (shipper && thread && !thread.error) {
          if (control.cancelled) throw cancellation();
          result = await finishOnThread(thread, parsed, meta, issues, control);
          writtenBy = 'thread';
        } else {
          const base = READ_SHARE + CHECK_SHARE;
          result = await writeSnapshot(db, parsed, meta, events, issues.list('warning'), issues.warningCount, {
            progress: (f, stage) => control.progress(base + (1 - base) * f, stage),
            get cancelled() {
              return control.cancelled;
            },
          });
          writtenBy = 'inline';
        }
        control.progress(1, '完成');
      }
    }
    return {
      snapshotId: result?.snapshotId ?? null,
      counts: result?.counts ?? parsedCounts(parsed),
      warnings: issues.list('warning'),
      errors: issues.list('error'),
      warningCount: issues.warningCount,
      errorCount: issues.errorCount,
      issueCounts: issues.counts(),
      writtenBy,
    };
  } finally {
    // After a commit on the thread this does nothing; otherwise the thread's writing is rolled back.
    await thread?.abort();
  }
}

function refusedBeforeReading(issues: IssueCollector): ImportResult {
  return {
    snapshotId: null, counts: { households: 0, persons: 0, incomeRows: 0, measureRows: 0, eventRows: 0 },
    warnings: [], errors: issues.list('error'), warningCount: 0, errorCount: issues.errorCount,
    issueCounts: issues.counts(), writtenBy: null,
  };
}

const INDEXING_AT = THREADED_READ_SHARE + CHECK_SHARE + THREADED_DRAIN_SHARE;

/** Progress while the thread catches up with the reading; a cancel is still honoured here. */
function threadProgress(control: ImportControl): (thread: BackgroundWrite) => void {
  const drainAt = THREADED_READ_SHARE + CHECK_SHARE;
  return (thread) => {
    if (control.cancelled) throw cancellation();
    const p = thread.progress;
    control.progress(drainAt + THREADED_DRAIN_SHARE * (p.posted ? p.written / p.posted : 1), '写入数据');
  };
}

/**
 * The end of a threaded write, every row on the thread: the snapshot's description, villages and
 * warnings; then the thread builds the last indexes and commits. The rows read are let go first:
 * the index builds are the import's memory peak.
 */
async function finishOnThread(
  thread: BackgroundWrite, parsed: ParsedSnapshot, meta: SnapshotMeta, issues: IssueCollector, control: ImportControl,
): Promise<{ snapshotId: number; counts: SnapshotCounts }> {
  const villages = [...parsed.villages];
  parsed.release();
  releaseMemory();
  // Once the thread has been told to commit, a cancel can no longer be honoured (as on this
  // connection, where the cancel is last looked at before the commit): progress only.
  return thread.finish(meta, villages, issues.list('warning'), issues.warningCount, () => {
    if (thread.progress.indexing) control.progress(INDEXING_AT, '建立索引并保存…');
  });
}
