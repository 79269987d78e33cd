import type { Db } from '../db/database';
import { Refusal } from '../refusal';
import { newDatabaseId, newSecret, secretStore, type SecretStore } from './secretStore';

/**
 * The secret that keys this database's ID hashes, from the store outside the file (secretStore.ts).
 * A secret is made without asking only for a database without snapshots; for one with snapshots a
 * lost secret is said, never silently replaced: hashes made under a new one match none of the old.
 */

export type IdSecretState = 'ok' | 'missing' | 'sealed';

/** Why no hash can be made now (import, demo): a refusal said to the user, in Chinese. */
export class IdSecretUnavailable extends Refusal {
  constructor(readonly state: 'missing' | 'sealed', message: string) {
    super('refused', message, { issue: `idSecret.${state}` });
  }
}

/** What a lost secret breaks and what it leaves as it was (the data view, the CLI, docs/security.md). */
export const LOST_SECRET_AFFECTS: readonly string[] = [
  '跨期对比中改号户的匹配（户编号变了的户按户主证件号对应）',
  '跨期对比中家庭成员的增减比对（按证件号）',
  '不同快照之间按证件号查重或对应同一人',
];
export const LOST_SECRET_KEEPS: readonly string[] = [
  '已导入快照的全部数据、各项指标、透视表、图表和报告',
  '同一快照内的证件号查重（数据质量）',
  '用同一密钥导入的快照之间的跨期对比',
];

export interface IdSecretStatus {
  readonly state: IdSecretState;
  readonly where: string;
  /** Snapshots whose ID hashes were made under the secret (they cannot be matched without it). */
  readonly snapshots: number;
  /** Null when nothing is wrong. */
  readonly message: string | null;
}

/** The database's own random id, which names its secret in the store (app_setting.database_id). */
export function databaseId(db: Db): string {
  const row = db.prepare(`SELECT value FROM app_setting WHERE key = 'database_id'`).get() as { value: string } | undefined;
  if (row) return row.value;
  const id = newDatabaseId();
  db.prepare(`INSERT INTO app_setting(key, value) VALUES ('database_id', ?)`).run(id);
  return id;
}

function snapshotCount(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM snapshot').get() as { n: number }).n;
}

/** What is lost and what to do (the data view shows the two lists beside it). */
function lostMessage(state: 'missing' | 'sealed', where: string, snapshots: number): string {
  return state === 'sealed'
    ? `本数据库的证件号码散列密钥由桌面应用用系统钥匙串加密保存（${where}），命令行和浏览器主机读取不到。`
      + '请在桌面应用中导入或生成演示数据。'
    : `本数据库的证件号码散列密钥找不到了（应在 ${where} 中）。已有 ${snapshots} 个快照的证件号散列由它生成。`
      + '如能找回密钥文件，请放回原处后重试；否则可在“数据管理”中确认生成新密钥（命令行：tuopin id-secret --renew）。';
}

/** The same with what a new secret would break and leave: a refused import or demo says it all. */
function refusalMessage(state: 'missing' | 'sealed', where: string, snapshots: number): string {
  return `${lostMessage(state, where, snapshots)}受影响：${LOST_SECRET_AFFECTS.join('；')}`
    + `——新密钥下导入的快照与已有快照之间无法按证件号对应。不受影响：${LOST_SECRET_KEEPS.join('；')}。`;
}

export function idSecretStatus(db: Db, store: SecretStore = secretStore()): IdSecretStatus {
  const lookup = store.read(databaseId(db));
  const snapshots = snapshotCount(db);
  // No snapshot: nothing was hashed, so nothing is lost; the first import makes the secret.
  if (lookup.state === 'found' || (lookup.state === 'missing' && snapshots === 0)) {
    return { state: 'ok', where: store.where, snapshots, message: null };
  }
  const message = lostMessage(lookup.state, store.where, snapshots);
  return { state: lookup.state, where: store.where, snapshots, message };
}

/**
 * The secret for new hashes. Made and kept here for a database without snapshots; for one with
 * snapshots whose secret is gone, an IdSecretUnavailable (the user decides: renewIdSecret).
 */
export function idHashSecret(db: Db, store: SecretStore = secretStore()): Buffer {
  const id = databaseId(db);
  const lookup = store.read(id);
  if (lookup.state === 'found') return lookup.secret;
  const snapshots = snapshotCount(db);
  if (lookup.state === 'missing' && snapshots === 0) {
    const secret = newSecret();
    store.keep(id, secret);
    return secret;
  }
  throw new IdSecretUnavailable(lookup.state, refusalMessage(lookup.state, store.where, snapshots));
}

/**
 * A new secret, on the user's word, for a database whose secret is lost: the snapshots there stay as
 * they are, and later ones are hashed under the new secret (they match none of the earlier ones).
 * Refused while the secret is there, or sealed by the desktop app (two secrets would then exist).
 */
export function renewIdSecret(db: Db, store: SecretStore = secretStore()): IdSecretStatus {
  const status = idSecretStatus(db, store);
  if (status.state === 'sealed') throw new IdSecretUnavailable('sealed', refusalMessage('sealed', store.where, status.snapshots));
  if (status.state === 'ok') return status;
  const id = databaseId(db);
  store.keep(id, newSecret());
  // The snapshots hashed under the lost secret: later comparisons can say which pairs cannot match.
  const last = db.prepare('SELECT MAX(id) AS id FROM snapshot').get() as { id: number | null };
  db.prepare(`INSERT OR REPLACE INTO app_setting(key, value) VALUES ('id_secret_renewed_after_snapshot', ?)`)
    .run(String(last.id ?? 0));
  return idSecretStatus(db, store);
}
