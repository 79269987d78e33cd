import { maskIdNumbersIn } from '../../identity/idNumber';
import type { Migration } from './migration';

/**
 * Masks that can no longer be joined with birth_date into the full ID number (issue 17): the
 * 18-character masks kept digits 15–18 and the birth date digits 7–14, which together gave the
 * number back for every person. Now the region and the last two characters are kept. Issue values
 * and messages stored with earlier imports lose any ID number they held.
 */
export const migration011: Migration = {
  version: 11,
  name: 'id-masks',
  sql: `
UPDATE person SET id_masked = substr(id_masked, 1, 6) || '**********' || substr(id_masked, 17)
  WHERE length(id_masked) >= 18 AND substr(id_masked, 7, 8) = '********';
UPDATE person SET id_masked = substr(id_masked, 1, 6) || '********' || substr(id_masked, 15)
  WHERE length(id_masked) = 15 AND substr(id_masked, 7, 6) = '******';
UPDATE household SET head_id_masked = substr(head_id_masked, 1, 6) || '**********' || substr(head_id_masked, 17)
  WHERE length(head_id_masked) >= 18 AND substr(head_id_masked, 7, 8) = '********';
UPDATE household SET head_id_masked = substr(head_id_masked, 1, 6) || '********' || substr(head_id_masked, 15)
  WHERE length(head_id_masked) = 15 AND substr(head_id_masked, 7, 6) = '******';
`,
  run(db) {
    db.function('tuopin_mask_ids', { deterministic: true },
      (text: unknown) => (typeof text === 'string' ? maskIdNumbersIn(text) : text));
    db.exec(`UPDATE import_issue SET value = tuopin_mask_ids(value), message = tuopin_mask_ids(message)
      WHERE value GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*'
         OR message GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*'`);
  },
};
