import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { writeDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';
import { databaseId, idHashSecret, idSecretStatus } from '../../../electron/core/identity/idSecret';
import { defaultSecretDir, SealedSecretStore, useSecretStore } from '../../../electron/core/identity/secretStore';
import { importSnapshot } from '../../../electron/core/import/importSnapshot';
import { dispatch } from '../../../electron/core/service/service';
import { cliServiceOn } from '../../../electron/cli/serviceCall';
import { makeTempDir } from '../import/support/tempDir';
import { smallCounty, writeWorkbook } from '../import/support/workbooks';
import { keychainCipher } from '../../unit/identity/keychainCipher';

const tmp = makeTempDir('idsecret');
afterAll(() => tmp.remove());
afterEach(() => useSecretStore(null));

const DEMO = { households: 150, seed: 5 };

function hashesOf(db: Db, snapshotId: number): string[] {
  return (db.prepare('SELECT hex(id_hash) FROM person WHERE snapshot_id = ? ORDER BY source_row, id').pluck()
    .all(snapshotId) as string[]);
}

/** The database file and its WAL as they lie on disk. */
function fileBytes(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`].filter(existsSync).map((f) => readFileSync(f)));
}

function secretFile(db: Db): string {
  return join(defaultSecretDir(), `${databaseId(db)}.key`);
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * A database as the version before migration 016 left it: the secret in app_setting, none in the
 * store, 016 not recorded. (Made by this version, then put back: the schema is otherwise the same.)
 */
async function databaseOfTheVersionBefore(path: string): Promise<{ secret: Buffer; hashes: string[] }> {
  const db = openDatabase(path);
  const { snapshotId } = await writeDemoSnapshot(db, DEMO);
  const secret = idHashSecret(db);
  const hashes = hashesOf(db, snapshotId);
  db.prepare(`INSERT INTO app_setting(key, value) VALUES ('id_hash_secret', ?)`).run(secret.toString('hex'));
  db.exec(`DELETE FROM schema_migration WHERE version = 16; PRAGMA user_version = 15`);
  rmSync(secretFile(db));
  db.close();
  return { secret, hashes };
}

describe('the ID hashing secret lives outside the database file (issue 17)', () => {
  it('migration 016 moves an existing secret out: the file holds it no more, and every hash still matches', async () => {
    const path = tmp.path('old.sqlite');
    const { secret, hashes } = await databaseOfTheVersionBefore(path);
    // The test can fail: before the migration, the file holds the secret.
    expect(fileBytes(path).includes(secret.toString('hex'))).toBe(true);

    const db = openDatabase(path);
    expect(db.prepare(`SELECT COUNT(*) FROM app_setting WHERE key = 'id_hash_secret'`).pluck().get()).toBe(0);
    expect(readFileSync(secretFile(db), 'utf8')).toBe(secret.toString('hex'));
    expect(statSync(secretFile(db)).mode & 0o777).toBe(0o600);
    expect(statSync(defaultSecretDir()).mode & 0o777).toBe(0o700);
    // The same county written again is hashed under the same secret: 跨期对比 still pairs every member.
    const again = await writeDemoSnapshot(db, DEMO);
    expect(hashesOf(db, again.snapshotId)).toEqual(hashes);
    db.close();
    const bytes = fileBytes(path);
    expect(bytes.includes(secret.toString('hex'))).toBe(false);
    expect(bytes.includes(secret)).toBe(false);
  });

  it('keys each database by its own id: two databases neither share nor overwrite a secret', async () => {
    const a = openDatabase(tmp.path('a.sqlite'));
    const b = openDatabase(tmp.path('b.sqlite'));
    await writeDemoSnapshot(a, DEMO);
    await writeDemoSnapshot(b, DEMO);
    expect(databaseId(a)).not.toBe(databaseId(b));
    expect(idHashSecret(a).equals(idHashSecret(b))).toBe(false);
    // Same people, other secret: no hash of one database matches the other's.
    expect(hashesOf(a, 1).some((h) => hashesOf(b, 1).includes(h))).toBe(false);
    a.close();
    b.close();
  });

  it('a lost secret is reported, not silently replaced: import and demo refused, status says what is affected', async () => {
    const path = tmp.path('lost.sqlite');
    const db = openDatabase(path);
    const first = await writeDemoSnapshot(db, DEMO);
    const old = idHashSecret(db);
    rmSync(secretFile(db));
    const source = tmp.path('county.xlsx');
    await writeWorkbook(source, smallCounty());

    const result = await importSnapshot(db, source);
    expect(result.snapshotId).toBeNull();
    expect(result.errors.map((e) => e.code)).toEqual(['idSecret.missing']);
    expect(result.errors[0]?.message).toContain('跨期对比中改号户的匹配');
    expect(existsSync(secretFile(db))).toBe(false);
    await expect(writeDemoSnapshot(db, DEMO)).rejects.toThrow(/散列密钥找不到了/);
    expect(db.prepare('SELECT COUNT(*) FROM snapshot').pluck().get()).toBe(1);

    const status = idSecretStatus(db);
    expect(status.state).toBe('missing');
    expect(status.message).toMatch(/散列密钥找不到了.*1 个快照/);
    expect(result.errors[0]?.message).toMatch(/受影响：.*不受影响：.*同一快照内的证件号查重/);
    db.close();

    const cliImport = await cli(['import', source, '--db', path, '--json']);
    expect(cliImport.code).toBe(2);
    expect(cliImport.out).toContain('idSecret.missing');
    const shown = await cli(['id-secret', '--db', path]);
    expect(shown.code).toBe(2);
    expect(shown.out).toMatch(/散列密钥找不到了[^]*受影响：[^]*不受影响：/);

    // Only on the user's word: a new secret, and snapshots made under it match none of the old ones.
    const renewed = await cli(['id-secret', '--db', path, '--renew']);
    expect(renewed.code).toBe(0);
    expect(renewed.out).toContain('正常');
    const back = openDatabase(path);
    expect(idHashSecret(back).equals(old)).toBe(false);
    const later = await writeDemoSnapshot(back, DEMO);
    expect(hashesOf(back, later.snapshotId).some((h) => hashesOf(back, first.snapshotId).includes(h))).toBe(false);
    back.close();
  });

  it('a database without snapshots gets its secret at its first write, without asking', async () => {
    const db = openDatabase(tmp.path('empty.sqlite'));
    expect(idSecretStatus(db).state).toBe('ok');
    expect(existsSync(secretFile(db))).toBe(false);
    await writeDemoSnapshot(db, DEMO);
    expect(existsSync(secretFile(db))).toBe(true);
    db.close();
  });

  it('the service answers idSecret.status and refuses a renewal without confirm: true', async () => {
    const path = tmp.path('service.sqlite');
    const db = openDatabase(path);
    await writeDemoSnapshot(db, DEMO);
    const service = cliServiceOn(db, path);
    const ctx = service.ctx;
    expect(await dispatch(ctx, 'idSecret.status', {})).toMatchObject({ ok: true, data: { state: 'ok', snapshots: 1 } });
    expect(await dispatch(ctx, 'idSecret.renew', {})).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const before = readFileSync(secretFile(db));
    // Renewing a secret that is there changes nothing.
    expect(await dispatch(ctx, 'idSecret.renew', { confirm: true })).toMatchObject({ ok: true, data: { state: 'ok' } });
    expect(readFileSync(secretFile(db))).toEqual(before);
    service.close();
  });

  it('the write thread writes with the secret of the store chosen at start (safeStorage) without asking for it', async () => {
    const dir = tmp.path('sealed');
    const cipher = keychainCipher();
    useSecretStore(new SealedSecretStore(dir, cipher));
    const path = tmp.path('thread.sqlite');
    const source = tmp.path('thread-county.xlsx');
    await writeWorkbook(source, smallCounty());
    const db = openDatabase(path);
    const inThread = await importSnapshot(db, source, { writeMode: 'thread' });
    expect(inThread.errors).toEqual([]);
    expect(inThread.writtenBy).toBe('thread');
    // The secret exists only sealed, outside the worker's default store; the hashes are under it.
    expect(readdirSync(dir)).toEqual([`${databaseId(db)}.sealed`]);
    expect(existsSync(secretFile(db))).toBe(false);
    const inline = await importSnapshot(db, source, { writeMode: 'inline' });
    expect(hashesOf(db, inline.snapshotId as number)).toEqual(hashesOf(db, inThread.snapshotId as number));
    db.close();
  });
});
