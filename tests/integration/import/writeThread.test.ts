import { afterAll, describe, expect, it } from 'vitest';
import { databaseId } from '../../../electron/core/identity/idSecret';
import { secretStore } from '../../../electron/core/identity/secretStore';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { demoCounty } from '../../../electron/core/demo/demoCounty';
import { demoRowSource } from '../../../electron/core/demo/demoRowSource';
import { importSnapshot, type ImportResult } from '../../../electron/core/import/importSnapshot';
import type { WriteMode } from '../../../electron/core/import/write/chooseWriter';
import { writeTemplateCsv } from '../../../electron/core/template/writeTemplateCsv';
import { writeTemplateWorkbook } from '../../../electron/core/template/writeTemplateWorkbook';
import { cancelWhen } from './support/cancelControl';
import { dbState } from './support/dbState';
import { snapshotContents } from './support/snapshotContents';
import { makeTempDir } from './support/tempDir';
import { smallCounty, writeWorkbook } from './support/workbooks';

const tmp = makeTempDir('thread');
afterAll(() => tmp.remove());

/** What a snapshot is beyond its rows: its description, counts and stored warnings. */
function snapshotRecord(db: Db, id: number): unknown {
  return {
    snapshot: db.prepare(`SELECT county_code, county_name, as_of, source_name, source_sha256, keep_names, events_derived, line_set,
      households, persons, income_rows, measure_rows, event_rows, warning_count FROM snapshot WHERE id = ?`).get(id),
    issues: db.prepare(`SELECT severity, code, message, file, sheet, row, col, value, expected FROM import_issue WHERE snapshot_id = ?
      ORDER BY id`).all(id),
  };
}

/** One hashing secret for the databases compared, so that their ID hashes can be compared too. */
const SECRET = 'ab'.repeat(32);

async function importWith(mode: WriteMode, source: string, file: string): Promise<{ db: Db; result: ImportResult }> {
  const db = openDatabase(tmp.path(file));
  secretStore().keep(databaseId(db), Buffer.from(SECRET, 'hex'));
  const result = await importSnapshot(db, source, { writeMode: mode });
  return { db, result };
}

async function expectSameSnapshot(source: string, name: string): Promise<void> {
  const inline = await importWith('inline', source, `${name}-inline.sqlite`);
  const thread = await importWith('thread', source, `${name}-thread.sqlite`);
  try {
    expect(inline.result.writtenBy).toBe('inline');
    expect(thread.result.writtenBy).toBe('thread');
    expect(thread.result.errors).toEqual([]);
    expect(thread.result.counts).toEqual(inline.result.counts);
    const id = thread.result.snapshotId as number;
    expect(snapshotRecord(thread.db, id)).toEqual(snapshotRecord(inline.db, inline.result.snapshotId as number));
    expect(snapshotContents(thread.db, id)).toEqual(snapshotContents(inline.db, inline.result.snapshotId as number));
    // The thread's bulk write set the indexes aside and built them again: the schema is whole.
    expect(dbState(thread.db).schema).toEqual(dbState(inline.db).schema);
  } finally {
    inline.db.close();
    thread.db.close();
  }
}

describe('writing an import on a write thread', () => {
  const demo = { households: 400, seed: 11 };

  it('stores the same snapshot as writing after the reading, from a CSV folder and from a workbook', async () => {
    const dir = tmp.path('demo-csv');
    await writeTemplateCsv(demoRowSource(demoCounty(demo)), dir);
    await expectSameSnapshot(dir, 'csv');
    const file = tmp.path('demo.xlsx');
    await writeTemplateWorkbook(demoRowSource(demoCounty(demo)), file);
    await expectSameSnapshot(file, 'xlsx');
  });

  it('holds back members, income and measures listed before 户信息, and derives events when there is no 状态变化 sheet', async () => {
    const county = smallCounty();
    const file = tmp.path('members-first.xlsx');
    await writeWorkbook(file, { 收入情况: county.收入情况 ?? [], 家庭成员: county.家庭成员 ?? [], 户信息: county.户信息 ?? [] });
    await expectSameSnapshot(file, 'members-first');
    const db = openDatabase(tmp.path('members-first-thread.sqlite'));
    try {
      const row = db.prepare(`SELECT persons, income_rows, event_rows, events_derived FROM snapshot`).get() as Record<string, number>;
      expect(row).toEqual({ persons: 5, income_rows: 5, event_rows: expect.any(Number) as number, events_derived: 1 });
      expect(row.event_rows).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('leaves the database as it was when the import is refused, and the file stays writable', async () => {
    const db = openDatabase(tmp.path('refused.sqlite'));
    try {
      const good = tmp.path('good.xlsx');
      await writeWorkbook(good, smallCounty());
      expect((await importSnapshot(db, good, { writeMode: 'thread' })).snapshotId).not.toBeNull();
      const before = dbState(db);
      const county = smallCounty();
      const bad = tmp.path('unknown-household.xlsx');
      // A member of a household 户信息 does not have: found only after every sheet is read, when the
      // thread has already written the other rows.
      await writeWorkbook(bad, { ...county, 家庭成员: [...(county.家庭成员 ?? []), ['H999', '丁', '530999198001019990', '男', '户主', '普通劳动力']] });
      const refused = await importSnapshot(db, bad, { writeMode: 'thread' });
      expect(refused.snapshotId).toBeNull();
      expect(refused.writtenBy).toBeNull();
      expect(refused.errors.map((e) => e.code)).toContain('household.unknown');
      expect(dbState(db)).toEqual(before);
      const again = await importSnapshot(db, good, { writeMode: 'thread' });
      expect(again.snapshotId).not.toBeNull();
    } finally {
      db.close();
    }
  });

  it('leaves nothing behind when cancelled while reading', async () => {
    const dir = tmp.path('cancel-csv');
    await writeTemplateCsv(demoRowSource(demoCounty(demo)), dir);
    const db = openDatabase(tmp.path('cancel.sqlite'));
    try {
      await importSnapshot(db, dir, { writeMode: 'thread' });
      const before = dbState(db);
      // Households have gone to the thread by the time the members file is read.
      const { control, stages } = cancelWhen((stage) => stage.includes('家庭成员'));
      await expect(importSnapshot(db, dir, { writeMode: 'thread' }, control)).rejects.toMatchObject({ code: 'cancelled' });
      expect(stages.some((s) => s.includes('家庭成员'))).toBe(true);
      expect(dbState(db)).toEqual(before);
      expect((await importSnapshot(db, dir, { writeMode: 'thread' })).snapshotId).not.toBeNull();
    } finally {
      db.close();
    }
  });

  it('is refused for an in-memory database rather than silently written otherwise', async () => {
    const db = openDatabase(':memory:');
    try {
      const good = tmp.path('memory.xlsx');
      await writeWorkbook(good, smallCounty());
      await expect(importSnapshot(db, good, { writeMode: 'thread' })).rejects.toThrow(/内存数据库/);
      expect((await importSnapshot(db, good)).writtenBy).toBe('inline');
    } finally {
      db.close();
    }
  });
});
