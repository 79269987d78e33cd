import { maskIdNumber } from '../../../electron/core/identity/idNumber';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { listSnapshotIssues, listSnapshots } from '../../../electron/core/db/snapshotRepo';
import { importSnapshot } from '../../../electron/core/import/importSnapshot';
import { duplicateGroups } from '../../../electron/core/import/idDuplicates';
import { makeTempDir } from './support/tempDir';
import { type SheetRows, smallCounty, writeWorkbook } from './support/workbooks';

const tmp = makeTempDir('warn');
afterAll(() => tmp.remove());

describe('warnings do not stop the import, are located, and are stored with the snapshot', () => {
  it('reports a checksum failure, a person in two households, a size mismatch, a value outside its list and a transfer mismatch', async () => {
    const county = smallCounty();
    const members = county['家庭成员'] as SheetRows;
    const badId = `${String(members[1]?.[2]).slice(0, 17)}${String(members[1]?.[2]).endsWith('0') ? '1' : '0'}`;
    (members[1] as unknown[])[2] = badId;
    members.push(['H003', '丙的兄弟', members[3]?.[2] ?? null, '男', '兄弟姐妹', '普通劳动力']);
    (county['户信息']?.[1] as unknown[])[10] = '因婚';
    (county['收入情况']?.[1] as unknown[])[7] = 900;
    const file = tmp.path('warn.xlsx');
    await writeWorkbook(file, county);
    const db = openDatabase(tmp.path('warn.sqlite'));
    const r = await importSnapshot(db, file);
    expect(r.errors).toEqual([]);
    expect(r.snapshotId).not.toBeNull();
    const byCode = (code: string) => r.warnings.filter((w) => w.code === code);
    // The value names the cell, masked: no ID number in clear in an issue (issue 17).
    expect(byCode('id.checksum')).toMatchObject([{ sheet: '家庭成员', row: 2, column: '证件号码', value: maskIdNumber(badId) }]);
    expect(byCode('member.inTwoHouseholds')).toMatchObject([{ sheet: '家庭成员', row: 7 }]);
    expect(byCode('member.inTwoHouseholds')[0]?.message).toMatch(/户 H003 和户 H002（第 4 行）/);
    expect(byCode('household.sizeMismatch')).toMatchObject([{ sheet: '户信息', row: 4, column: '家庭人口数', value: '1', expected: '2' }]);
    expect(byCode('code.unknown')).toMatchObject([{ row: 2, column: '主要致贫原因', value: '因婚' }]);
    expect(byCode('income.transferMismatch')).toMatchObject([{ sheet: '收入情况', row: 2, column: '转移性收入', value: '900', expected: '600' }]);
    expect(db.prepare('SELECT main_cause FROM household WHERE code = ?').get('H001')).toEqual({ main_cause: '因婚' });
    expect(listSnapshots(db)[0]?.warningCount).toBe(r.warningCount);
    expect(listSnapshotIssues(db, r.snapshotId as number)).toEqual(r.warnings);
    db.close();
  });

  it('groups duplicate keys by first occurrence', () => {
    const keys = ['a', 'b', 'a', 'c', 'b', 'a'];
    expect(duplicateGroups(keys.length, (i) => keys[i] as string)).toEqual([[0, 2, 5], [1, 4]]);
    expect(duplicateGroups(3, (i) => String(i))).toEqual([]);
  });
});
