import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { openDatabase } from '../../../electron/core/db/database';
import { idHashSecret } from '../../../electron/core/identity/idSecret';
import { writeDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';
import { checkCharacter, hashIdNumber, maskIdNumbersIn, parseIdNumber } from '../../../electron/core/identity/idNumber';
import { makeTempDir } from '../import/support/tempDir';
import { idWithCheck, smallCounty, writeWorkbook } from '../import/support/workbooks';

const tmp = makeTempDir('idrebuild');
afterAll(() => tmp.remove());

/** Every text value of every table that still holds an ID number in clear. */
const HEX_DIGEST = /^[0-9a-f]{64}$/;

function idsInClear(db: Database.Database): string[] {
  const found: string[] = [];
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
  for (const t of tables) {
    for (const row of db.prepare(`SELECT * FROM "${t}"`).raw().iterate() as Iterable<unknown[]>) {
      for (const v of row) {
        // A SHA-256 or the hashing secret in hex can hold a run of 15 decimal digits by chance (≈4 % of them do):
        // a digest, not an ID number.
        if (typeof v !== 'string' || HEX_DIGEST.test(v)) continue;
        if (maskIdNumbersIn(v) !== v) found.push(`${t}: ${maskIdNumbersIn(v)}`);
      }
    }
  }
  return found;
}

describe('ID numbers cannot be rebuilt from the database (issue 17)', () => {
  it('for every person of the demo county: the stored columns leave two digits open, and about nine numbers fit them', async () => {
    const path = tmp.path('demo.sqlite');
    const db = openDatabase(path);
    await writeDemoSnapshot(db);
    const secret = idHashSecret(db);
    // The members whose number is valid and whose stored birth date is the number's own (the
    // demo also has wrong check digits and 出生日期 cells that differ, for the quality checks).
    const people = db.prepare(`SELECT id_masked, birth_date, sex, id_hash FROM person WHERE id_kind = 'id18' AND id_valid = 1`).all() as
      { id_masked: string; birth_date: string | null; sex: string | null; id_hash: Buffer }[];
    expect(people.length).toBeGreaterThan(10_000);
    let fewest = Infinity;
    let found = 0;
    for (const p of people) {
      // What the columns give: the region and the last two characters of the mask, the birth date.
      const region = p.id_masked.slice(0, 6);
      const tail = p.id_masked.slice(16, 18);
      expect(p.id_masked.slice(6, 16)).toBe('**********');
      const birth = (p.birth_date ?? '').replace(/-/g, '');
      let fitting = 0;
      let matching = 0;
      for (let d = 0; d < 100; d++) {
        const candidate = `${region}${birth}${String(d).padStart(2, '0')}${tail}`;
        if (candidate.length !== 18 || checkCharacter(candidate.slice(0, 17)) !== candidate[17]) continue;
        // The sex digit (17th) is in the mask's tail, so the stored sex narrows nothing further.
        fitting++;
        if (hashIdNumber(secret, parseIdNumber(candidate)).equals(p.id_hash)) matching++;
      }
      // At most one of them is the person's; only the secret can tell which.
      expect(matching).toBeLessThanOrEqual(1);
      found += matching;
      fewest = Math.min(fewest, fitting);
    }
    // The enumeration is the right one: the person's number is among the candidates of nearly all.
    expect(found / people.length).toBeGreaterThan(0.95);
    expect(fewest).toBeGreaterThanOrEqual(2);
    expect(idsInClear(db)).toEqual([]);
    db.close();
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
  }, 180_000);

  it('keeps no ID number in the issues of an import, in the database or in the CLI\'s JSON', async () => {
    const county = smallCounty();
    const badCheck = `${idWithCheck('53099919800101001').slice(0, 17)}0`;
    (county['家庭成员']?.[1] as unknown[])[2] = badCheck === idWithCheck('53099919800101001') ? `${badCheck.slice(0, 17)}1` : badCheck;
    (county['家庭成员']?.[2] as unknown[])[3] = '女' === (county['家庭成员']?.[2] as unknown[])[3] ? '男' : '女';
    const file = tmp.path('ids.xlsx');
    await writeWorkbook(file, county);
    const out: string[] = [];
    const code = await runCli(['import', file, '--db', tmp.path('ids.sqlite'), '--json'], { out: (t) => out.push(t), err: () => undefined });
    expect(code).toBe(0);
    const json = out.join('\n');
    expect(json).toContain('id.checksum');
    expect(maskIdNumbersIn(json)).toBe(json);
    const db = new Database(tmp.path('ids.sqlite'), { readonly: true });
    expect(db.prepare(`SELECT COUNT(*) FROM import_issue WHERE code = 'id.checksum'`).pluck().get()).toBe(1);
    expect(idsInClear(db)).toEqual([]);
    db.close();
  });

  it('migration 011 rewrites the masks and issue values of a database written before it', () => {
    const path = tmp.path('old.sqlite');
    const db = openDatabase(path);
    const id = idWithCheck('53099919800101001');
    db.exec(`INSERT INTO snapshot(id, county_code, county_name, as_of, source_name, source_sha256, imported_at, keep_names, events_derived)
      VALUES (1, '530999', '云岭县', '2023-12-31', 'a.xlsx', 'x', '2024-01-01', 1, 0)`);
    db.exec(`INSERT INTO household(id, snapshot_id, code, county, township, village, size, type, head_id_masked)
      VALUES (1, 1, 'H1', '云岭县', '城关镇', '东村', 1, '脱贫户', '530999********${id.slice(14)}')`);
    db.exec(`INSERT INTO person(snapshot_id, household_id, id_masked, birth_date) VALUES (1, 1, '530999********${id.slice(14)}', '1980-01-01')`);
    db.exec(`INSERT INTO import_issue(snapshot_id, severity, code, message, value) VALUES (1, 'warning', 'id.checksum', '证件号码 ${id} 不对', '${id}')`);
    // As a database of the version before: migration 011 not yet applied.
    db.exec(`DELETE FROM schema_migration WHERE version = 11`);
    db.close();
    const again = openDatabase(path);
    expect(again.prepare('SELECT id_masked FROM person').pluck().get()).toBe(`530999**********${id.slice(16)}`);
    expect(again.prepare('SELECT head_id_masked FROM household').pluck().get()).toBe(`530999**********${id.slice(16)}`);
    expect(idsInClear(again as unknown as Database.Database)).toEqual([]);
    again.close();
  });

  it('runs a migration numbered below the newest on a database made before it existed (011 after 015)', () => {
    const path = tmp.path('v15.sqlite');
    const db = openDatabase(path);
    db.exec('DROP TABLE schema_migration');
    db.exec(`INSERT INTO import_issue(snapshot_id, severity, code, message, value)
      SELECT 1, 'warning', 'x', 'y', '${idWithCheck('53099919800101001')}' WHERE 0`);
    db.close();
    // user_version 15 and no record of what ran: as a database made by the version before this one.
    const again = openDatabase(path);
    expect(again.prepare('SELECT version FROM schema_migration ORDER BY version').pluck().all()).toContain(11);
    again.close();
  });
});
