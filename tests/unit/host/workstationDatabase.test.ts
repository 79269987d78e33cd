import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listSnapshots } from '../../../electron/core/db/snapshotRepo';
import { openWorkstationDatabase } from '../../../electron/host/workstationDatabase';

describe('openWorkstationDatabase', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuopin-workstation-db-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the 3000-household demo county and its next year\'s export into an empty default database', async () => {
    const { db, demoWritten } = await openWorkstationDatabase(join(dir, 'default.sqlite'), { demoIfEmpty: true });
    try {
      expect(demoWritten).toBe(true);
      const snapshots = listSnapshots(db);
      // Newest first: the export a year later (its households evolved), then the first export.
      expect(snapshots.map((s) => s.asOf)).toEqual(['2024-12-31', '2023-12-31']);
      expect(snapshots[1]?.households).toBe(3000);
      expect(snapshots[0]?.countyCode).toBe(snapshots[1]?.countyCode);
    } finally {
      db.close();
    }
  });

  it('leaves a database that already has a snapshot as it is', async () => {
    const { db, demoWritten } = await openWorkstationDatabase(join(dir, 'default.sqlite'), { demoIfEmpty: true });
    try {
      expect(demoWritten).toBe(false);
      expect(listSnapshots(db)).toHaveLength(2);
    } finally {
      db.close();
    }
  });

  it('never fills a database named on the command line unasked', async () => {
    const { db, demoWritten } = await openWorkstationDatabase(join(dir, 'named.sqlite'), { demoIfEmpty: false });
    try {
      expect(demoWritten).toBe(false);
      expect(listSnapshots(db)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
