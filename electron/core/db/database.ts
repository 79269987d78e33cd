import Database from 'better-sqlite3';
import { chmodSync } from 'node:fs';
import { MIGRATIONS } from './migrations';
import { databaseId } from '../identity/idSecret';
import { NATIONAL_LINES } from '../../../shared/domain/povertyLines';

export type Db = Database.Database;

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/**
 * Opens (creating if needed) a workstation database: WAL, foreign keys on, pending migrations
 * applied in one transaction each, default poverty lines and the database's own id seeded (it names
 * the ID hashing secret, which is kept outside the file: identity/idSecret.ts).
 */
export function openDatabase(
  file: string, options: { readonly readonly?: boolean; readonly mustExist?: boolean } = {},
): Db {
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.mustExist ?? false });
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  // Deleted rows (a deleted snapshot's names and masked IDs) are overwritten, not left in free pages.
  db.pragma('secure_delete = ON');
  db.pragma('cache_size = -262144'); // 256 MiB: county-scale scans stay in memory
  db.pragma('temp_store = MEMORY');
  if (!options.readonly) {
    const ran = migrate(db);
    seed(db);
    // The secret left the file (016): the WAL's old frames may still hold its page; they go too.
    if (ran.includes(16)) db.pragma('wal_checkpoint(TRUNCATE)');
    ownerOnly(file);
  }
  return db;
}

/**
 * The migrations that existed before numbers were handed out ahead (010–013 were assigned while
 * 014 and 015 had already landed): a database at user_version N has exactly those of them ≤ N.
 */
const LEGACY_VERSIONS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 14, 15];

/**
 * Applies every migration the database has not had, each in one transaction, and records it in
 * schema_migration: by the set applied, not by the highest number, so that a migration numbered
 * below one that landed earlier (011 after 015) still runs on a database made in between.
 */
function migrate(db: Db): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`数据库版本 ${current} 高于本程序支持的版本 ${SCHEMA_VERSION}，请升级工作站。`);
  }
  db.exec('CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY)');
  const recorded = db.prepare('SELECT version FROM schema_migration').pluck().all() as number[];
  const legacy = LEGACY_VERSIONS.filter((v) => v <= current);
  const applied = new Set(recorded.length > 0 || current === 0 ? recorded : legacy);
  const record = db.prepare('INSERT OR IGNORE INTO schema_migration(version) VALUES (?)');
  if (recorded.length === 0) db.transaction(() => applied.forEach((v) => record.run(v)))();
  const bootstrapping = recorded.length === 0 && current > 0;
  const ran: number[] = [];
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    try {
      db.transaction(() => {
        db.exec(m.sql);
        m.run?.(db);
        record.run(m.version);
        db.pragma(`user_version = ${Math.max(m.version, db.pragma('user_version', { simple: true }) as number)}`);
      })();
      ran.push(m.version);
    } catch (err) {
      // A database made by the last version that counted by user_version alone may have had a
      // late-numbered migration already (010 on a new file made after it landed): its schema says so.
      const there = /duplicate column name|already exists/.test(String(err));
      if (!(bootstrapping && m.version < current && there)) throw err;
      record.run(m.version);
    }
  }
  return ran;
}

/**
 * The database and its WAL and shared-memory files readable by their owner only (they were 0644:
 * any local user could copy the county's names). Not on Windows, whose folder ACLs do the job.
 */
function ownerOnly(file: string): void {
  if (file === ':memory:' || file === '' || process.platform === 'win32') return;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(f, 0o600);
    } catch {
      // not there (no WAL yet) or not ours to change: nothing more to do
    }
  }
}

function seed(db: Db): void {
  db.transaction(() => {
    databaseId(db);
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
