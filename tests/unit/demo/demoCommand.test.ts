import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { openDatabase } from '../../../electron/core/db/database';
import { listSnapshots } from '../../../electron/core/db/snapshotRepo';

const dir = mkdtempSync(join(tmpdir(), 'tuopin-demo-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; } });
  return { code, out, err };
}

describe('tuopin demo', () => {
  it('writes two snapshots into --db (the county and its export a year later) and prints {snapshotId, counts, later} with --json', async () => {
    const db = join(dir, 'a.sqlite');
    const r = await cli(['demo', '--db', db, '--households', '120', '--seed', '4', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as {
      snapshotId: number; counts: { households: number; persons: number }; later: {
        snapshotId: number; counts: { households: number };
      };
    };
    expect(result.counts.households).toBe(120);
    expect(result.counts.persons).toBeGreaterThan(120);
    expect(r.err).toContain('写入数据库 100%');
    const handle = openDatabase(db);
    try {
      expect(listSnapshots(handle).map((s) => [s.id, s.households, s.asOf])).toEqual([
        [result.later.snapshotId, result.later.counts.households, '2024-12-31'], [result.snapshotId, 120, '2023-12-31'],
      ]);
    } finally {
      handle.close();
    }
  });

  it('writes only the first export with --one-snapshot', async () => {
    const db = join(dir, 'one.sqlite');
    const r = await cli(['demo', '--db', db, '--households', '50', '--one-snapshot', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { later?: unknown }).later).toBeUndefined();
    const handle = openDatabase(db);
    try {
      expect(listSnapshots(handle)).toHaveLength(1);
    } finally {
      handle.close();
    }
  });

  it('writes the same county as a workbook and a CSV set instead of the database when --db is not named', async () => {
    const xlsx = join(dir, 'county.xlsx');
    const csv = join(dir, 'csv');
    const r = await cli(['demo', '--households', '60', '--xlsx', xlsx, '--csv', csv, '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as { snapshotId: number | null; counts: { households: number } };
    expect(result.snapshotId).toBeNull();
    expect(result.counts.households).toBe(60);
    expect(existsSync(xlsx)).toBe(true);
    expect(readdirSync(csv)).toHaveLength(6);
  });

  it('refuses a household count that is not a positive integer (exit 2)', async () => {
    expect((await cli(['demo', '--db', join(dir, 'b.sqlite'), '--households', '0'])).code).toBe(2);
    expect((await cli(['demo', '--db', join(dir, 'b.sqlite'), '--households', 'abc'])).code).toBe(2);
    expect(existsSync(join(dir, 'b.sqlite'))).toBe(false);
  });
});
