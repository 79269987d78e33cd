import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { userDataDir } from '../paths';

/**
 * Where the secrets that key the ID hashes are kept: outside the database file (issue 17), so that a
 * copy of the file (a backup, a mail, a USB stick) does not carry the key that links its hashes to
 * ID numbers. One secret per database, named by the database's own random id (app_setting
 * database_id), so that two databases neither share nor overwrite each other's secret.
 */
export interface SecretStore {
  /** Where the secrets lie, in words for the user (a folder; the system keychain). */
  readonly where: string;
  read(databaseId: string): SecretLookup;
  /** Keeps a new secret; refuses to replace a different one already kept for this database. */
  keep(databaseId: string, secret: Buffer): void;
}

export type SecretLookup =
  | { readonly state: 'found'; readonly secret: Buffer }
  | { readonly state: 'missing' }
  /** Kept by the desktop app with the system keychain (safeStorage), which this process cannot open. */
  | { readonly state: 'sealed' };

/** A database id names a file: 32 hex characters, nothing else. */
const DATABASE_ID = /^[0-9a-f]{32}$/;

export function newDatabaseId(): string {
  return randomBytes(16).toString('hex');
}

export function newSecret(): Buffer {
  return randomBytes(32);
}

function fileName(dir: string, databaseId: string, ext: 'key' | 'sealed'): string {
  if (!DATABASE_ID.test(databaseId)) throw new Error(`数据库标识不正确：${databaseId}`);
  return join(dir, `${databaseId}.${ext}`);
}

/** The folder made readable by its owner only (not on Windows, whose profile ACLs do the job). */
function ownerOnlyDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') chmodSync(dir, 0o700);
}

/**
 * Writes `bytes` to `file` only if it is not there (O_EXCL): never over another database's or an
 * earlier secret. The same bytes already there are no change (a migration run again after a crash).
 */
function writeOnce(file: string, bytes: Buffer, same: (existing: Buffer) => boolean): void {
  try {
    writeFileSync(file, bytes, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'EEXIST') throw err;
    if (!same(readFileSync(file))) {
      throw new Error(`证件号码散列密钥文件已存在且内容不同，未覆盖：${file}`, { cause: err });
    }
  }
}

/** The CLI's and the loopback host's store: one file of hex per database, mode 0600, in a 0700 folder. */
export class FileSecretStore implements SecretStore {
  constructor(readonly dir: string) {}

  get where(): string {
    return this.dir;
  }

  read(databaseId: string): SecretLookup {
    const file = fileName(this.dir, databaseId, 'key');
    if (existsSync(file)) {
      const hex = readFileSync(file, 'utf8').trim();
      if (/^[0-9a-f]{64}$/.test(hex)) return { state: 'found', secret: Buffer.from(hex, 'hex') };
      throw new Error(`证件号码散列密钥文件已损坏：${file}`);
    }
    return existsSync(fileName(this.dir, databaseId, 'sealed')) ? { state: 'sealed' } : { state: 'missing' };
  }

  keep(databaseId: string, secret: Buffer): void {
    ownerOnlyDir(this.dir);
    const hex = Buffer.from(secret.toString('hex'));
    writeOnce(fileName(this.dir, databaseId, 'key'), hex, (old) => old.toString('utf8').trim() === hex.toString());
  }
}

/** What the desktop store needs of Electron's safeStorage (its own signatures, so the real one fits). */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The desktop app's store: the secret encrypted by the system keychain (safeStorage: DPAPI,
 * Keychain, libsecret), so a copy of the profile folder alone does not give it. A secret the CLI
 * kept as a plain file is still read (the same database opened by both).
 */
export class SealedSecretStore implements SecretStore {
  private readonly plain: FileSecretStore;

  constructor(readonly dir: string, private readonly cipher: SecretCipher) {
    this.plain = new FileSecretStore(dir);
  }

  get where(): string {
    return `${this.dir}（由系统钥匙串加密）`;
  }

  read(databaseId: string): SecretLookup {
    const file = fileName(this.dir, databaseId, 'sealed');
    if (!existsSync(file)) {
      const plain = this.plain.read(databaseId);
      return plain.state === 'sealed' ? { state: 'missing' } : plain;
    }
    let hex: string;
    try {
      hex = this.cipher.decryptString(readFileSync(file));
    } catch (err) {
      // Sealed under another OS user's (or another machine's) keychain: say so, in Chinese.
      throw new Error(`证件号码散列密钥无法用本机钥匙串解密（${file}）：它可能是在另一台电脑或另一个系统用户下保存的。`,
        { cause: err });
    }
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`证件号码散列密钥无法解密：${file}`);
    return { state: 'found', secret: Buffer.from(hex, 'hex') };
  }

  keep(databaseId: string, secret: Buffer): void {
    ownerOnlyDir(this.dir);
    const hex = secret.toString('hex');
    writeOnce(fileName(this.dir, databaseId, 'sealed'), this.cipher.encryptString(hex),
      (old) => this.cipher.decryptString(old) === hex);
  }
}

/** The default folder: `secrets` in the app's data folder (TUOPIN_DATA_DIR moves it, as it moves the database). */
export function defaultSecretDir(): string {
  return join(userDataDir(), 'secrets');
}

let chosen: SecretStore | null = null;

/** The desktop app chooses its store once at start (the sealed one where safeStorage works). */
export function useSecretStore(store: SecretStore | null): void {
  chosen = store;
}

/** The store of this process: the one chosen at start, else the file store of the default folder. */
export function secretStore(): SecretStore {
  return chosen ?? new FileSecretStore(defaultSecretDir());
}

/** safeStorage where the system offers encryption, else the plain file store (a Linux without a keyring). */
export function desktopSecretStore(dir: string, cipher: SecretCipher): SecretStore {
  return cipher.isEncryptionAvailable() ? new SealedSecretStore(dir, cipher) : new FileSecretStore(dir);
}
