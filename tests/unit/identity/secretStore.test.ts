import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { desktopSecretStore, FileSecretStore, newDatabaseId, newSecret, SealedSecretStore }
  from '../../../electron/core/identity/secretStore';
import { makeTempDir } from '../../integration/import/support/tempDir';
import { keychainCipher } from './keychainCipher';

const tmp = makeTempDir('secretstore');
afterAll(() => tmp.remove());

describe('the ID hashing secret stores (issue 17)', () => {
  it('file store: one 0600 file per database in a 0700 folder, never over another secret', () => {
    const store = new FileSecretStore(tmp.path('plain'));
    const id = newDatabaseId();
    const secret = newSecret();
    expect(store.read(id)).toEqual({ state: 'missing' });
    store.keep(id, secret);
    expect(store.read(id)).toEqual({ state: 'found', secret });
    expect(statSync(join(store.dir, `${id}.key`)).mode & 0o777).toBe(0o600);
    expect(statSync(store.dir).mode & 0o777).toBe(0o700);
    store.keep(id, secret);
    expect(() => store.keep(id, newSecret())).toThrow(/已存在且内容不同，未覆盖/);
    expect(store.read(id)).toEqual({ state: 'found', secret });
    expect(store.read(newDatabaseId())).toEqual({ state: 'missing' });
    // A database id names a file: nothing else gets through.
    expect(() => store.read('../../etc/passwd')).toThrow(/数据库标识不正确/);
  });

  it('sealed store (safeStorage): the file holds no secret in clear, and another keychain cannot open it', () => {
    const dir = tmp.path('sealed');
    const cipher = keychainCipher();
    const store = new SealedSecretStore(dir, cipher);
    const id = newDatabaseId();
    const secret = newSecret();
    store.keep(id, secret);
    const bytes = readFileSync(join(dir, `${id}.sealed`));
    expect(bytes.includes(secret.toString('hex'))).toBe(false);
    expect(bytes.includes(secret)).toBe(false);
    expect(store.read(id)).toEqual({ state: 'found', secret });
    expect(() => new SealedSecretStore(dir, keychainCipher()).read(id)).toThrow(/无法用本机钥匙串解密/);
    // The CLI and the loopback host cannot open it: they say so instead of calling it lost.
    expect(new FileSecretStore(dir).read(id)).toEqual({ state: 'sealed' });
  });

  it('the desktop reads a secret the CLI kept in a plain file, and falls back to files without a keyring', () => {
    const dir = tmp.path('shared');
    const id = newDatabaseId();
    const secret = newSecret();
    new FileSecretStore(dir).keep(id, secret);
    expect(desktopSecretStore(dir, keychainCipher()).read(id)).toEqual({ state: 'found', secret });
    expect(desktopSecretStore(dir, keychainCipher(false))).toBeInstanceOf(FileSecretStore);
    expect(desktopSecretStore(dir, keychainCipher())).toBeInstanceOf(SealedSecretStore);
  });

  it('a damaged secret file is an error, not a silently different secret', () => {
    const store = new FileSecretStore(tmp.path('damaged'));
    const id = newDatabaseId();
    store.keep(id, newSecret());
    writeFileSync(join(store.dir, `${id}.key`), 'not hex');
    expect(() => store.read(id)).toThrow(/已损坏/);
  });
});
