import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qualityMetrics } from '../../../electron/core/metrics/quality';
import type { QualityRule } from '../../../shared/api/quality';
import { invalidIdNumber, tempCounty, validIdNumber, type HouseholdSpec, type TempCounty } from './support/countyFixture';

const shared = validIdNumber();

/** One or two households per rule, and look-alikes that must not be flagged. */
const HOUSEHOLDS: HouseholdSpec[] = [
  { code: 'Q1', size: 2, mainCause: '因病', members: [{ health: '健康' }, { health: '残疾' }] },
  { code: 'Q2', size: 1, mainCause: '因病', members: [{ health: '患有大病' }] },
  { code: 'Q3', size: 2, mainCause: '因病' }, // no member records: not judged
  { code: 'Q4', size: 2, attribute: '低保贫困户', income: [{ year: 2019, wage: 5000 }, { year: 2020, wage: 6000, dibao: 0 }] },
  { code: 'Q5', size: 2, attribute: '低保贫困户', income: [{ year: 2019, wage: 5000, dibao: 2000, sourceRow: 12 }, { year: 2020, wage: 6000 }] },
  { code: 'Q6', size: 3, members: [{}, {}] },
  { code: 'Q7', size: 1, members: [{ idNumber: shared }] },
  { code: 'Q8', size: 1, members: [{ idNumber: shared }] },
  { code: 'Q9', size: 1, members: [{ idNumber: invalidIdNumber() }] },
  { code: 'Q10', size: 1, attribute: '五保户', mainCause: '因婚', members: [{ labour: '半劳力' }], measures: [{ year: 2016, name: '修路' }] },
  { code: 'Q11', size: 2, events: [[2016, '脱贫']] },
  { code: 'Q12', size: 1, attribute: '一般户,低保' }, // a comma inside a value survives the distinct scan
];

let county: TempCounty;
beforeAll(() => {
  county = tempCounty(HOUSEHOLDS, 'national', [{
    severity: 'warning', code: 'income.netMismatch', message: '收入情况第 12 行：纯收入 7500 与按公式算得的 7000 相差超过 1 元；系统按公式计算。',
    file: 'x.xlsx', sheet: '收入情况', row: 12, column: '纯收入', value: '7500', expected: '7000',
  }]);
});
afterAll(() => county.close());

function flagged(rule: QualityRule): string[] {
  const r = qualityMetrics(county.db, { snapshotId: county.snapshotId });
  return r.findings.filter((f) => f.rule === rule).map((f) => f.householdCode ?? '');
}

describe('data quality (tuopin check)', () => {
  it('因病 without a member 长期慢性病/患有大病 (households with member records only)', () => {
    expect(flagged('illnessWithoutUnhealthyMember')).toEqual(['Q1']);
  });
  it('低保贫困户 whose income never shows 低保金', () => {
    expect(flagged('dibaoWithoutDibaoIncome')).toEqual(['Q4']);
  });
  it('re-reports the import’s formula warnings with the household of the income row', () => {
    const r = qualityMetrics(county.db, { snapshotId: county.snapshotId });
    const f = r.findings.filter((x) => x.rule === 'incomeFormulaMismatch');
    expect(f.map((x) => x.householdCode)).toEqual(['Q5']);
    expect(f[0]?.detail).toContain('2019 年');
  });
  it('household size ≠ member records, a person in two households, a bad check digit', () => {
    expect(flagged('sizeMismatch')).toEqual(['Q6']);
    expect(flagged('personInTwoHouseholds')).toEqual(['Q7', 'Q8']);
    expect(flagged('invalidIdChecksum')).toEqual(['Q9']);
  });
  it('values outside the code lists (aliases such as 五保户 are in the list)', () => {
    const r = qualityMetrics(county.db, { snapshotId: county.snapshotId });
    expect(r.findings.filter((f) => f.rule === 'codeOutsideList').map((f) => f.detail).sort()).toEqual([
      '家庭成员·劳动技能：“半劳力”不在代码表中', '帮扶措施·措施类别：“修路”不在代码表中', '户信息·主要致贫原因：“因婚”不在代码表中',
      '户信息·贫困户属性：“一般户,低保”不在代码表中',
    ].sort());
  });
  it('flow-identity breaks and exits without an income row', () => {
    expect(flagged('flowIdentityBreak')).toEqual(['Q11']);
    expect(flagged('exitWithoutIncome')).toEqual(['Q11']);
    expect(flagged('exitIncomeBelowLine')).toEqual([]);
  });
  it('counts by rule with Chinese labels, and lists at most limitPerRule findings', () => {
    const r = qualityMetrics(county.db, { snapshotId: county.snapshotId, limitPerRule: 1 });
    const two = r.counts.find((c) => c.rule === 'personInTwoHouseholds');
    expect(two).toEqual({ rule: 'personInTwoHouseholds', ruleLabel: '同一人出现在两户', count: 2, listed: 1 });
    expect(r.total).toBe(1 + 1 + 1 + 1 + 2 + 1 + 4 + 1 + 1);
    expect(r.findings.filter((f) => f.rule === 'personInTwoHouseholds')).toHaveLength(1);
  });
  it('limits the findings to a township', () => {
    const r = qualityMetrics(county.db, { snapshotId: county.snapshotId, filter: { townships: ['别的乡'] } });
    expect(r.total).toBe(0);
  });
});
