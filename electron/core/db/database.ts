import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { MIGRATIONS } from './migrations';
import { NATIONAL_LINES } from '../../../shared/domain/povertyLines';

export type Db = Database.Database;

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/**
 * Opens (creating if needed) a workstation database: WAL, foreign keys on, pending migrations
 * applied in one transaction each, default poverty lines and the per-database hashing secret seeded.
 */
export function openDatabase(file: string, options: { readonly readonly?: boolean; readonly mustExist?: boolean } = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.mustExist ?? false });
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -262144'); // 256 MiB: county-scale scans stay in memory
  db.pragma('temp_store = MEMORY');
  if (!options.readonly) {
    migrate(db);
    seed(db);
  }
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`数据库版本 ${current} 高于本程序支持的版本 ${SCHEMA_VERSION}，请升级工作站。`);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

function seed(db: Db): void {
  db.transaction(() => {
    const hasSecret = db.prepare(`SELECT 1 FROM app_setting WHERE key = 'id_hash_secret'`).get();
    if (!hasSecret) {
      db.prepare(`INSERT INTO app_setting(key, value) VALUES ('id_hash_secret', ?)`).run(randomBytes(32).toString('hex'));
    }
    const insertLine = db.prepare(
      `INSERT OR IGNORE INTO poverty_line(line_set, year, poverty_line, monitoring_threshold) VALUES (?, ?, ?, ?)`,
    );
    // The source is noted only where the value is still the shipped one (a user's edit keeps its own).
    const noteSource = db.prepare(
      `UPDATE poverty_line SET source = ? WHERE line_set = ? AND year = ? AND source IS NULL
         AND poverty_line IS ? AND monitoring_threshold IS ?`,
    );
    // The national set gains the shipped years it lacks; the other two start as its copy once and
    // are then the user's (a year removed in 标准设置 stays removed).
    const hasYears = db.prepare(`SELECT 1 FROM poverty_line WHERE line_set = ? LIMIT 1`);
    for (const set of ['national', 'provincial', 'custom']) {
      if (set !== 'national' && hasYears.get(set)) continue;
      for (const l of NATIONAL_LINES) {
        insertLine.run(set, l.year, l.povertyLine, l.monitoringThreshold);
        noteSource.run(l.source, set, l.year, l.povertyLine, l.monitoringThreshold);
      }
    }
  })();
}

/** The secret that keys the ID hashes of this database (never leaves the file). */
export function idHashSecret(db: Db): Buffer {
  const row = db.prepare(`SELECT value FROM app_setting WHERE key = 'id_hash_secret'`).get() as { value: string } | undefined;
  if (!row) throw new Error('数据库缺少证件号码加密密钥');
  return Buffer.from(row.value, 'hex');
}
