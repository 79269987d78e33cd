import { z } from 'zod';
import { UserIssue } from '../../../../shared/api/common';
import { ImportCounts } from '../../../../shared/api/imports';
import { SnapshotSummary } from '../../../../shared/api/snapshots';
import { ROW_TABLES } from '../../db/snapshotWriter';
import type { EncodedRows } from './rowCodec';

/**
 * Messages between an import (main thread) and its write thread. Control messages are checked
 * with zod as they arrive; row batches, hundreds per import and each thousands of rows, get a
 * structural check of their arrays (lengths agree), not a per-value one: both ends are this
 * program, in one process, and SQLite's column types guard the values again.
 */

const nullableText = z.string().nullable();

/** What a snapshot says of itself (the contract's SnapshotSummary), its line set not yet defaulted. */
export const snapshotMetaSchema = SnapshotSummary.pick({
  countyCode: true, countyName: true, asOf: true, sourceName: true, sourceSha256: true, keepNames: true,
  eventsDerived: true,
}).extend({ lineSet: z.string().optional() });

const villageSchema = z.object({
  areaCode: nullableText,
  township: z.string(),
  village: z.string(),
  poorVillage: z.boolean().nullable(),
  delistedYear: z.number().nullable(),
  year: z.number().nullable(),
  collectiveIncome: z.number().nullable(),
});

export const CHILD_TABLES = ['persons', 'measures', 'events'] as const;
export type ChildTable = (typeof CHILD_TABLES)[number];

const rowTable = z.enum(ROW_TABLES);

const controlSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('begin'), dbPath: z.string().min(1), meta: snapshotMetaSchema, expectedRows: z.number().int().nonnegative() }),
  z.object({ type: z.literal('tablesDone'), tables: z.array(rowTable) }),
  z.object({
    type: z.literal('finish'), meta: snapshotMetaSchema, villages: z.array(villageSchema), issues: z.array(UserIssue),
    warningCount: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal('rollback') }),
]);

/**
 * Income rows column-wise: [household place, year, size (0: the household's), source row] and 11 amounts each (NaN:
 * blank).
 */
export interface EncodedIncome {
  readonly count: number;
  readonly ints: Int32Array<ArrayBuffer>;
  readonly amounts: Float64Array<ArrayBuffer>;
}

export const INCOME_INTS = 4;

export type ControlMessage = z.infer<typeof controlSchema>;
export type RowsMessage =
  | { readonly type: 'rows'; readonly table: 'households' | ChildTable; readonly batch: EncodedRows }
  | { readonly type: 'income'; readonly batch: EncodedIncome };
export type ToWriter = ControlMessage | RowsMessage;

export const fromWriterSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), snapshotId: z.number().int() }),
  z.object({ type: z.literal('indexing') }),
  z.object({ type: z.literal('committed'), snapshotId: z.number().int(), counts: ImportCounts }),
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({ type: z.literal('rolledBack') }),
]);
export type FromWriter = z.infer<typeof fromWriterSchema>;

/** The write thread's start data (workerData): its progress counters and the ID hashing secret. */
export interface WriteThreadData {
  /** WriteSignals' shared counters (it checks them). */
  readonly signals: unknown;
  readonly idSecret: Uint8Array;
}

/** The start data as the thread receives it, checked; throws on anything else. */
export function parseWriteThreadData(raw: unknown): WriteThreadData {
  if (isRecord(raw) && raw.idSecret instanceof Uint8Array && raw.idSecret.length > 0) {
    return { signals: raw.signals, idSecret: raw.idSecret };
  }
  throw new Error('写入线程的启动数据格式不对');
}

/**
 * What a batch weighs, in KiB, as both threads reckon it (the same number from the same message):
 * how far the reading may run ahead of the thread is counted in memory, not in rows, since a
 * member row weighs more than an income row.
 */
export function batchKib(m: RowsMessage): number {
  let bytes: number;
  if (m.type === 'income') {
    bytes = m.batch.ints.byteLength + m.batch.amounts.byteLength;
  } else {
    const b = m.batch;
    bytes = b.ints.byteLength + b.numbers.byteLength;
    // A decoded string: its characters (one or two bytes each, two reckoned) and a header.
    for (const t of b.texts) bytes += t === null ? 8 : 16 + 2 * t.length;
    for (const k of b.idKeys) bytes += k === null ? 8 : 16 + 2 * k.length;
    for (const l of b.newLabels) bytes += 16 + 2 * l.length;
  }
  return Math.ceil(bytes / 1024);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function isEncodedRows(v: unknown): v is EncodedRows {
  return isRecord(v) && typeof v.count === 'number' && v.ints instanceof Int32Array && v.numbers instanceof Float64Array
    && Array.isArray(v.idKeys) && Array.isArray(v.texts) && Array.isArray(v.newLabels);
}

function isEncodedIncome(v: unknown): v is EncodedIncome {
  return isRecord(v) && typeof v.count === 'number' && v.ints instanceof Int32Array && v.amounts instanceof Float64Array
    && v.ints.length === v.count * INCOME_INTS;
}

/** A message to the write thread, checked; throws on anything else. */
export function parseToWriter(raw: unknown): ToWriter {
  if (isRecord(raw) && raw.type === 'rows') {
    const table = raw.table;
    if ((table === 'households' || (CHILD_TABLES as readonly unknown[]).includes(table)) && isEncodedRows(raw.batch)) {
      return raw as RowsMessage;
    }
    throw new Error('写入线程收到的行批次格式不对');
  }
  if (isRecord(raw) && raw.type === 'income') {
    if (isEncodedIncome(raw.batch)) return raw as RowsMessage;
    throw new Error('写入线程收到的收入批次格式不对');
  }
  return controlSchema.parse(raw);
}
