import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { listSnapshots } from '../../../electron/core/db/snapshotRepo';
import { demoCounty } from '../../../electron/core/demo/demoCounty';
import { writeDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';

const dir = mkdtempSync(join(tmpdir(), 'tuopin-demo-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function generatedCounts(households: number, seed: number) {
  const c = { households: 0, persons: 0, incomeRows: 0, measureRows: 0, eventRows: 0 };
  for (const h of demoCounty({ households, seed }).householdRows()) {
    c.households++;
    c.persons += h.persons.length;
    c.incomeRows += h.incomes.length;
    c.measureRows += h.measures.length;
    c.eventRows += h.events.length;
  }
  return c;
}

function tableCount(db: ReturnType<typeof openDatabase>, table: string, snapshotId: number): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE snapshot_id = ?`).get(snapshotId) as { n: number }).n;
}

describe('writeDemoSnapshot', () => {
  it('writes one snapshot whose counts match the generator, table by table', async () => {
    const db = openDatabase(join(dir, 'demo.sqlite'));
    try {
      const progress: number[] = [];
      const { snapshotId, counts } = await writeDemoSnapshot(db, {
        households: 5000, seed: 2, onProgress: (f) => progress.push(f),
      });
      expect(counts).toEqual(generatedCounts(5000, 2));
      expect(tableCount(db, 'household', snapshotId)).toBe(counts.households);
      expect(tableCount(db, 'person', snapshotId)).toBe(counts.persons);
      expect(tableCount(db, 'income', snapshotId)).toBe(counts.incomeRows);
      expect(tableCount(db, 'measure', snapshotId)).toBe(counts.measureRows);
      expect(tableCount(db, 'event', snapshotId)).toBe(counts.eventRows);
      const county = demoCounty({ households: 5000, seed: 2 });
      expect(tableCount(db, 'area', snapshotId)).toBe(county.layout.townships.length + county.layout.villages.length);
      expect(tableCount(db, 'village_year', snapshotId)).toBe(county.villages.length);

      const [snapshot] = listSnapshots(db);
      expect(snapshot).toMatchObject({ id: snapshotId, countyName: '青山县', countyCode: '532999', asOf: '2023-12-31', households: 5000 });
      expect(progress.length).toBeGreaterThan(1);
      expect(progress[progress.length - 1]).toBe(1);
      // Stored as the writer stores any import: masked IDs, no full number.
      const masked = db.prepare(`SELECT id_masked FROM person WHERE snapshot_id = ? LIMIT 1`).get(snapshotId) as { id_masked: string };
      expect(masked.id_masked).toMatch(/^53299\d\*{10}\d[\dX]$/);
      const poor = db.prepare(`SELECT count(*) AS n FROM area WHERE snapshot_id = ? AND level = 'village' AND poor_village = 1 AND delisted_year IS NOT NULL`).get(snapshotId) as { n: number };
      expect(poor.n).toBe(county.layout.villages.filter((v) => v.poor).length);
    } finally {
      db.close();
    }
  });

  it('leaves nothing behind when cancelled', async () => {
    const db = openDatabase(join(dir, 'cancel.sqlite'));
    try {
      let asked = 0;
      await expect(writeDemoSnapshot(db, { households: 5000, seed: 1, isCancelled: () => ++asked >= 1 })).rejects.toMatchObject({ code: 'cancelled' });
      expect(asked).toBe(1);
      expect(listSnapshots(db)).toEqual([]);
      expect((db.prepare('SELECT count(*) AS n FROM household').get() as { n: number }).n).toBe(0);
      expect((db.prepare('SELECT count(*) AS n FROM person').get() as { n: number }).n).toBe(0);
    } finally {
      db.close();
    }
  });
});
