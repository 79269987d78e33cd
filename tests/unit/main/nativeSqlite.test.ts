import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { preferSqliteAddon, sqliteAddonOverride } from '../../../electron/main/nativeSqlite';

const localRequire = createRequire(__filename);

describe('preferSqliteAddon', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuopin-addon-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes better-sqlite3 load the named addon build instead of its own', () => {
    // Vitest runs each test file in its own process: better-sqlite3 has not loaded its addon yet.
    const sqliteDir = dirname(localRequire.resolve('better-sqlite3/package.json'));
    const ownAddon = join(sqliteDir, 'build', 'Release', 'better_sqlite3.node');
    const copy = join(dir, 'electron-abi', 'better_sqlite3.node');
    mkdirSync(dirname(copy), { recursive: true });
    copyFileSync(ownAddon, copy);

    preferSqliteAddon(copy);
    const Database = localRequire('better-sqlite3') as new (file: string) => { prepare(sql: string): { get(): unknown }; close(): void };
    const db = new Database(':memory:');
    expect(db.prepare('SELECT 6 * 7 AS answer').get()).toEqual({ answer: 42 });
    db.close();

    const loaded = Object.keys(localRequire.cache);
    expect(loaded).toContain(copy);
    expect(loaded).not.toContain(ownAddon);
  });
});

describe('TUOPIN_SQLITE_BINDING (issue 17)', () => {
  it('is honoured in a development run and ignored in the packaged app', () => {
    const env = { TUOPIN_SQLITE_BINDING: '/tmp/evil.node' };
    expect(sqliteAddonOverride(false, env)).toBe('/tmp/evil.node');
    expect(sqliteAddonOverride(true, env)).toBeNull();
    expect(sqliteAddonOverride(false, {})).toBeNull();
  });
});
