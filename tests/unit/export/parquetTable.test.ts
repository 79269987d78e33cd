import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeParquetTable, type BatchFill, type ParquetColumn } from '../../../electron/core/export/parquetTable';

/*
 * Text columns of few values cross into DuckDB as integer codes and are decoded there: what is read
 * back must be the rows given, in their order, whatever path each column took.
 */
const COLUMNS: readonly ParquetColumn[] = [
  { name: 'n', type: 'INTEGER' },
  { name: 'few', type: 'VARCHAR' }, // 3 values and NULLs: coded
  { name: 'many', type: 'VARCHAR' }, // a new value per row: past the code limit in the batch, stays text
  { name: 'empty', type: 'VARCHAR' }, // NULL in every row: coded with no labels
  { name: 'quoted', type: 'VARCHAR' }, // quotes and backslashes inside the decoding list's literals
  { name: 'maybe', type: 'INTEGER' }, // NULL every 5th row: the validity mask across chunk boundaries
  { name: 'x', type: 'DOUBLE' }, // fractions, negatives and NULLs, copied as a whole vector
];

type Row = [number, string | null, string, null, string, number | null, number | null];

function rows(from: number, count: number): Row[] {
  return Array.from({ length: count }, (_, k): Row => {
    const n = from + k;
    const few = n % 4 === 3 ? null : ['男', '女', "O'Neil"][n % 3] as string;
    const x = n % 7 === 0 ? null : n / 3 - 1000;
    return [n, few, `值${n}`, null, n % 2 === 0 ? "it's \\n" : '“引号”', n % 5 === 0 ? null : -n, x];
  });
}

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('writeParquetTable', () => {
  it('reads back every row in order, coded and uncoded text columns alike', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tuopin-parquet-'));
    const instance = await DuckDBInstance.create(':memory:');
    const cons = { append: await instance.connect(), write: await instance.connect(), merge: await instance.connect() };
    const given = [rows(0, 3000), rows(3000, 0), rows(3000, 5000)];
    const batches = given.map((batch): BatchFill => (add) => batch.forEach(add));
    const file = join(dir, 't.parquet');
    const written = await writeParquetTable(cons, file, [{ name: 'county_code', value: '532999' }], COLUMNS, batches);
    expect(written.rows).toBe(8000);
    await written.merged;
    const read = await cons.write.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
    expect(read.columnNames()).toEqual(['county_code', 'n', 'few', 'many', 'empty', 'quoted', 'maybe', 'x']);
    expect(read.columnTypes().map(String))
      .toEqual(['VARCHAR', 'INTEGER', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'VARCHAR', 'INTEGER', 'DOUBLE']);
    expect(read.getRows()).toEqual(given.flat().map((r) => ['532999', ...r]));
    for (const con of Object.values(cons)) con.closeSync();
    instance.closeSync();
  });

  it('refuses a value of another kind in a number column, naming the column, and leaves no file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tuopin-parquet-'));
    const instance = await DuckDBInstance.create(':memory:');
    const cons = { append: await instance.connect(), write: await instance.connect(), merge: await instance.connect() };
    const file = join(dir, 't.parquet');
    const columns: readonly ParquetColumn[] = [{ name: 'year', type: 'INTEGER' }];
    const batches: BatchFill[] = [(add) => { add([2020]); add(['二〇二一']); }];
    await expect(writeParquetTable(cons, file, [], columns, batches)).rejects.toThrow('列 year 应为整数，数据库中却是“二〇二一”');
    expect(readdirSync(dir)).toEqual([]);
    for (const con of Object.values(cons)) con.closeSync();
    instance.closeSync();
  });
});
