import { databaseId } from '../../identity/idSecret';
import { secretStore } from '../../identity/secretStore';
import type { Migration } from './migration';

/**
 * The ID hashing secret leaves the database file (issue 17): a copy of the file held both the hashes
 * and the key to test any ID number against them. The secret goes to the store outside the file
 * (the user's profile, 0600; the system keychain in the desktop app) under the database's own id,
 * then its row is deleted — overwritten, with secure_delete on — and openDatabase empties the WAL.
 * The secret is kept as it was: every stored hash still matches.
 */
export const migration016: Migration = {
  version: 16,
  name: 'id-secret-out',
  sql: '',
  run(db) {
    const id = databaseId(db);
    const row = db.prepare(`SELECT value FROM app_setting WHERE key = 'id_hash_secret'`).get() as { value: string } | undefined;
    if (!row) return;
    // Kept first, deleted after: a failure between leaves the row (the migration runs again), never no secret.
    secretStore().keep(id, Buffer.from(row.value, 'hex'));
    db.prepare(`DELETE FROM app_setting WHERE key = 'id_hash_secret'`).run();
  },
};
