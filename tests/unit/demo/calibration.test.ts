import { beforeAll, describe, expect, it } from 'vitest';
import { demoCounty } from '../../../electron/core/demo/demoCounty';
import type { DemoHousehold } from '../../../electron/core/demo/demoHousehold';
import { parseIdNumber } from '../../../electron/core/identity/idNumber';
import { incomeMethod } from '../../../electron/core/metrics/exitRules';
import { netIncomeOf, transferOf, type HouseholdRow, type IncomeRow } from '../../../electron/core/db/snapshotRows';
import {
  CAUSE, EDUCATION, ELIMINATION_METHOD, EVENT_TYPE, HEALTH, HOUSEHOLD_ATTRIBUTE, HOUSING, LABOUR, MONITORING_CATEGORY,
  RELATION, RISK, SCHOOLING, STATUS, UNHEALTHY, WORK_STATUS, labelsOf, type CodeList,
} from '../../../shared/domain/codeLists';
import { classOfMeasure } from '../../../shared/domain/measureClasses';
import { NATIONAL_LINES, lineForYear } from '../../../shared/domain/povertyLines';

/**
 * Calibration of the default demo county (3,000 households, seed 1), computed from its rows the
 * way the metrics spec counts: what a county report would show must look like a real county.
 */
let rows: DemoHousehold[] = [];
const households = (): HouseholdRow[] => rows.map((h) => h.household as HouseholdRow);

beforeAll(() => {
  rows = [...demoCounty({ households: 3000, seed: 1 }).householdRows()];
});

function line(year: number): number {
  const l = lineForYear(NATIONAL_LINES, year);
  if (l === null) throw new Error(`no line for ${year}`);
  return l;
}

function exitIncome(r: IncomeRow | undefined): Parameters<typeof incomeMethod>[0] {
  if (!r) return null;
  const net = netIncomeOf(r);
  return {
    size: r.size, net, perCapita: net / r.size, wage: r.wage ?? 0, business: r.business ?? 0,
    businessCost: r.businessCost ?? 0, property: r.property ?? 0, transfer: transferOf(r), dibao: r.dibao ?? 0,
    tekun: r.tekun ?? 0,
  };
}

/** Every exit event with its income-method attribution (metrics.md, via the metric's own home). */
function exitAttributions(): { year: number; method: string; household: DemoHousehold }[] {
  const out: { year: number; method: string; household: DemoHousehold }[] = [];
  for (const h of rows) {
    for (const e of h.events) {
      if (e.type !== '脱贫') continue;
      out.push({
        year: e.year, method: incomeMethod(exitIncome(h.incomes.find((i) => i.year === e.year)), line(e.year)),
        household: h,
      });
    }
  }
  return out;
}

describe('demo county calibration (3,000 households, seed 1)', () => {
  it('has the requested size, several townships, villages with 12-digit codes and some 贫困村 with 出列年度', () => {
    const county = demoCounty({ households: 3000, seed: 1 });
    expect(rows).toHaveLength(3000);
    expect(county.layout.townships.length).toBeGreaterThanOrEqual(8);
    expect(county.layout.townships.length).toBeLessThanOrEqual(12);
    expect(county.layout.villages.every((v) => /^532999\d{6}$/.test(v.areaCode))).toBe(true);
    const poor = county.layout.villages.filter((v) => v.poor);
    expect(poor.length).toBeGreaterThan(0);
    expect(poor.every((v) => v.delistedYear !== null && v.delistedYear >= 2016 && v.delistedYear <= 2020)).toBe(true);
    expect(new Set(households().map((h) => h.code)).size).toBe(3000);
  });

  it('registers mostly in 2014 and later in fewer numbers', () => {
    const registered = households().filter((h) => h.type === '脱贫户');
    const in2014 = registered.filter((h) => h.identifiedYear === 2014).length;
    expect(in2014 / registered.length).toBeGreaterThan(0.5);
    for (const y of [2015, 2016, 2017, 2018, 2019, 2020]) {
      expect(registered.some((h) => h.identifiedYear === y)).toBe(true);
    }
  });

  it('concentrates exits in 2016–2019 (more than 60 %), few in 2014–15, 2020 last', () => {
    const exits = exitAttributions();
    const inPeak = exits.filter((e) => e.year >= 2016 && e.year <= 2019).length;
    expect(inPeak / exits.length).toBeGreaterThan(0.6);
    expect(exits.filter((e) => e.year <= 2015).length / exits.length).toBeLessThan(0.15);
    expect(Math.max(...exits.map((e) => e.year))).toBe(2020);
  });

  it('rests 25–45 % of exits on income support by (纯收入 − 低保金 − 特困供养金)/人口 < line', () => {
    const exits = exitAttributions();
    const support = exits.filter((e) => e.method === '兜底保障').length;
    expect(support / exits.length).toBeGreaterThan(0.25);
    expect(support / exits.length).toBeLessThan(0.45);
    // Reports quote persons: support households are small, yet still a quarter or more of exit persons.
    const persons = (list: typeof exits): number =>
      list.reduce((sum, e) => sum + (e.household.household?.size ?? 0), 0);
    const supportPersons = persons(exits.filter((e) => e.method === '兜底保障')) / persons(exits);
    expect(supportPersons).toBeGreaterThan(0.25);
    expect(supportPersons).toBeLessThan(0.45);
    // Development exits are carried mostly by wages, then by business.
    const employment = exits.filter((e) => e.method === '就业').length;
    const industry = exits.filter((e) => e.method === '产业').length;
    expect(employment).toBeGreaterThan(industry);
    expect(industry).toBeGreaterThan(exits.length * 0.1);
    // Income-support exits are 低保/特困 households.
    const supportAttributes = exits.filter((e) => e.method === '兜底保障').map((e) => e.household.household?.attribute);
    expect(supportAttributes.every((a) => a === '低保贫困户' || a === '特困供养贫困户')).toBe(true);
  });

  it('lifts 人均纯收入 to the line in the exit year except the rare flagged exits', () => {
    const exits = exitAttributions();
    const short = exits.filter((e) => e.method === '收入未达线').length;
    const missing = exits.filter((e) => e.method === '无收入记录').length;
    expect(short).toBeGreaterThan(0);
    expect(short / exits.length).toBeLessThan(0.025);
    expect(missing).toBeGreaterThan(0);
    expect(missing / exits.length).toBeLessThan(0.015);
  });

  it('has returns of 0.5–4 % a year of the exited stock (persons), mostly 因病/因自然灾害, some exiting again', () => {
    const sizeOf = new Map(households().map((h) => [h.code, h.size]));
    for (const year of [2016, 2017, 2018, 2019, 2020]) {
      let stock = 0;
      let returned = 0;
      for (const h of rows) {
        const code = (h.household as HouseholdRow).code;
        const persons = sizeOf.get(code) ?? 0;
        if (h.events.some((e) => e.type === '脱贫' && e.year <= year - 1)) stock += persons;
        if (h.events.some((e) => e.type === '返贫' && e.year === year)) returned += persons;
      }
      const rate = returned / stock;
      expect(rate, `返贫率 ${year}`).toBeGreaterThan(0.005);
      expect(rate, `返贫率 ${year}`).toBeLessThan(0.04);
    }
    const returns = rows.flatMap((h) => h.events.filter((e) => e.type === '返贫'));
    const illOrDisaster = returns.filter((e) => e.reason === '因病' || e.reason === '因自然灾害').length;
    expect(illOrDisaster / returns.length).toBeGreaterThan(0.5);
    const reExited = rows.filter((h) => h.events.filter((e) => e.type === '脱贫').length === 2);
    expect(reExited.length).toBeGreaterThan(0);
    for (const h of reExited) {
      const hh = h.household as HouseholdRow;
      expect(hh.returnYear).not.toBeNull();
      expect(hh.exitYear).toBeGreaterThan(hh.returnYear as number);
    }
  });

  it('has valid 18-digit IDs consistent with sex and birth date, except a deliberate few', () => {
    const persons = rows.flatMap((h) => h.persons);
    let invalid = 0;
    const inconsistent: string[] = [];
    for (const p of persons) {
      const id = parseIdNumber(p.idNumber);
      if (!id.valid) invalid++;
      if (id.kind !== 'id18' || id.birthDate !== p.birthDate || id.sex !== p.sex) inconsistent.push(p.idNumber);
    }
    expect(inconsistent).toEqual([]);
    expect(invalid).toBeGreaterThan(0);
    expect(invalid / persons.length).toBeLessThan(0.005);
    expect(new Set(persons.map((p) => p.idNumber.slice(0, 17))).size).toBe(persons.length);
    expect(persons.length / rows.length).toBeGreaterThan(3);
    expect(persons.length / rows.length).toBeLessThan(3.7);
  });

  it('records 家庭人口数 = member count except a deliberate few, 户主 first and once', () => {
    const mismatched = rows.filter((h) => h.household?.size !== h.persons.length).length;
    expect(mismatched).toBeGreaterThan(0);
    expect(mismatched / rows.length).toBeLessThan(0.01);
    const bad = rows.filter((h) => h.persons[0]?.relation !== '户主'
      || h.persons.filter((p) => p.relation === '户主').length !== 1
      || h.household?.headIdNumber !== h.persons[0]?.idNumber);
    expect(bad.map((h) => h.household?.code)).toEqual([]);
  });

  it('uses canonical code-list labels everywhere', () => {
    const check = (list: CodeList, values: (string | null)[]): void => {
      const labels = new Set(labelsOf(list));
      expect(values.filter((v) => v !== null && !labels.has(v)), list.label).toEqual([]);
    };
    const hh = households();
    check(HOUSEHOLD_ATTRIBUTE, hh.map((h) => h.attribute));
    check(CAUSE, hh.flatMap((h) => [h.mainCause, ...h.otherCauses]));
    check(STATUS, hh.map((h) => h.status));
    check(MONITORING_CATEGORY, hh.map((h) => h.monitoringCategory));
    check(RISK, hh.flatMap((h) => [...h.risks, h.returnCause]));
    check(ELIMINATION_METHOD, hh.map((h) => h.eliminationMethod));
    check(HOUSING, hh.map((h) => h.housing));
    const persons = rows.flatMap((h) => h.persons);
    check(RELATION, persons.map((p) => p.relation));
    check(EDUCATION, persons.map((p) => p.education));
    check(SCHOOLING, persons.map((p) => p.schooling));
    check(HEALTH, persons.map((p) => p.health));
    check(LABOUR, persons.map((p) => p.labour));
    check(WORK_STATUS, persons.map((p) => p.workStatus));
    check(EVENT_TYPE, rows.flatMap((h) => h.events.map((e) => e.type)));
    const measures = rows.flatMap((h) => h.measures);
    expect(
      measures.filter((m) => classOfMeasure(m.name) === null || m.measureClass !== classOfMeasure(m.name)),
    ).toEqual([]);
    for (const h of hh) {
      expect(h.otherCauses.length).toBeLessThanOrEqual(2);
      expect(h.otherCauses).not.toContain(h.mainCause);
    }
  });

  it('gives members age-consistent school, labour and work, and 兜底 households little labour', () => {
    const bad: string[] = [];
    for (const h of rows) {
      for (const p of h.persons) {
        const age = 2023 - Number(p.birthDate?.slice(0, 4));
        const working = p.workMonths !== null && p.workMonths > 0;
        if (age < 16 && (p.labour !== '无劳动力' || working)) bad.push(`${p.idNumber}: ${age} 岁 ${p.labour} 务工 ${p.workMonths}`);
        if (working && (age < 16 || age > 65 || p.workStatus === '其他/非务工')) bad.push(`${p.idNumber}: ${age} 岁 ${p.workStatus}`);
        if (age < 6 && p.education !== '学龄前儿童') bad.push(`${p.idNumber}: ${age} 岁 ${p.education}`);
        if (p.dibao !== (h.household?.attribute === '低保贫困户')) bad.push(`${p.idNumber}: 低保 ${p.dibao}`);
        if (p.tekun && h.household?.attribute !== '特困供养贫困户') bad.push(`${p.idNumber}: 特困 ${h.household?.attribute}`);
      }
    }
    expect(bad).toEqual([]);
    const tekun = rows.filter((h) => h.household?.attribute === '特困供养贫困户');
    const withoutAbleLabour = tekun.filter((h) => !h.persons.some((p) => p.labour === '普通劳动力' || p.labour === '技能劳动力'));
    expect(withoutAbleLabour.length / tekun.length).toBeGreaterThan(0.9);
    const employmentExits = exitAttributions().filter((e) => e.method === '就业');
    const withWorker = employmentExits.filter((e) => e.household.persons.some((p) => (p.workMonths ?? 0) > 0));
    expect(withWorker.length / employmentExits.length).toBeGreaterThan(0.9);
  });

  it('has 因病 households with an ill member, except a deliberate few', () => {
    const ill = rows.filter((h) => h.household?.mainCause === '因病');
    const noPatient = ill.filter((h) => !h.persons.some((p) => UNHEALTHY.includes(p.health ?? ''))).length;
    expect(noPatient).toBeGreaterThan(0);
    expect(noPatient / ill.length).toBeLessThan(0.05);
  });

  it('keeps income rows from identification to 2023, stopping at removal, with the block formulas holding', () => {
    const bad: string[] = [];
    for (const h of rows) {
      const hh = h.household as HouseholdRow;
      const years = h.incomes.map((i) => i.year);
      if (hh.type === '普通农户') {
        expect(years).toEqual([2021, 2022, 2023]);
        expect(hh.attribute).toBeNull();
        expect(hh.mainCause).toBeNull();
        expect(hh.identifiedYear).toBeNull();
        expect(['边缘易致贫户', '突发严重困难户']).toContain(hh.monitoringCategory);
        continue;
      }
      expect(Math.min(...years)).toBeGreaterThanOrEqual(hh.identifiedYear as number);
      const removal = h.events.find((e) => e.type === '自然减少' || e.type === '清退');
      if (removal) expect(Math.max(...years)).toBeLessThan(removal.year);
      else expect(Math.max(...years)).toBe(2023);
      for (const i of h.incomes) {
        const items = (i.familyPlanning ?? 0) + (i.dibao ?? 0) + (i.tekun ?? 0) + (i.pension ?? 0) + (i.eco ?? 0)
          + (i.otherTransfer ?? 0);
        if (i.transfer !== items) bad.push(`${i.householdCode}/${i.year}: 转移性收入 ${i.transfer} ≠ ${items}`);
        const amounts = [
          i.wage, i.business, i.businessCost, i.property, i.familyPlanning, i.dibao, i.tekun, i.pension, i.eco,
          i.otherTransfer,
        ];
        if (!amounts.every((v) => v !== null && v >= 0 && Number.isInteger(v))) bad.push(`${i.householdCode}/${i.year}: ${amounts.join(',')}`);
        if (i.size < 1) bad.push(`${i.householdCode}/${i.year}: 人口 ${i.size}`);
      }
    }
    // Collected, not asserted row by row: 27,000 rows × 10 amounts of expect() take a minute.
    expect(bad).toEqual([]);
  });

  it('grows group 人均纯收入 every year, 7–13 % a year from 2021, wages the largest source', () => {
    const byYear = new Map<number, { net: number; persons: number; wage: number; transfer: number }>();
    for (const i of rows.flatMap((h) => h.incomes)) {
      const a = byYear.get(i.year) ?? { net: 0, persons: 0, wage: 0, transfer: 0 };
      a.net += netIncomeOf(i);
      a.persons += i.size;
      a.wage += i.wage ?? 0;
      a.transfer += transferOf(i);
      byYear.set(i.year, a);
    }
    const perCapita = (y: number): number => {
      const a = byYear.get(y);
      if (!a) throw new Error(`no income in ${y}`);
      return a.net / a.persons;
    };
    for (let y = 2015; y <= 2023; y++) expect(perCapita(y)).toBeGreaterThan(perCapita(y - 1));
    for (const y of [2022, 2023]) {
      const growth = perCapita(y) / perCapita(y - 1) - 1;
      expect(growth).toBeGreaterThan(0.07);
      expect(growth).toBeLessThan(0.13);
    }
    for (const [, a] of byYear) expect(a.wage).toBeGreaterThan(a.transfer);
  });

  it('monitors 2021–2023 with 1–3 risks, most eliminated a few months later', () => {
    const monitored = households().filter((h) => h.monitoringCategory !== null);
    expect(monitored.some((h) => h.monitoringCategory === '脱贫不稳定户')).toBe(true);
    expect(monitored.some((h) => h.monitoringCategory === '边缘易致贫户')).toBe(true);
    expect(monitored.some((h) => h.monitoringCategory === '突发严重困难户')).toBe(true);
    for (const h of monitored) {
      if (h.monitoringCategory === '脱贫不稳定户') expect(h.type).toBe('脱贫户');
      expect(h.risks.length).toBeGreaterThanOrEqual(1);
      expect(h.risks.length).toBeLessThanOrEqual(3);
      expect(Number(h.monitoringDate?.slice(0, 4))).toBeGreaterThanOrEqual(2021);
      if (h.riskEliminated) {
        expect(h.eliminationDate && h.monitoringDate && h.eliminationDate > h.monitoringDate).toBe(true);
        expect(['帮扶消除', '自然消除']).toContain(h.eliminationMethod);
      } else {
        expect(h.eliminationMethod).toBeNull();
      }
    }
    const eliminated = monitored.filter((h) => h.riskEliminated).length;
    expect(eliminated / monitored.length).toBeGreaterThan(0.5);
    const assisted = monitored.filter((h) => h.eliminationMethod === '帮扶消除').length;
    expect(assisted).toBeGreaterThan(eliminated / 2);
  });

  it('has events that agree with 户信息 (the import derives the same from it)', () => {
    for (const h of rows) {
      const hh = h.household as HouseholdRow;
      const years = h.events.map((e) => e.year);
      expect(years).toEqual([...years].sort((a, b) => a - b));
      const exits = h.events.filter((e) => e.type === '脱贫').map((e) => e.year);
      expect(hh.exitYear).toBe(exits.length ? Math.max(...exits) : null);
      expect(hh.returnYear).toBe(h.events.find((e) => e.type === '返贫')?.year ?? null);
      expect(hh.identifiedYear).toBe(h.events.find((e) => e.type === '识别')?.year ?? null);
      if (hh.status === '自然减少' || hh.status === '清退') expect(h.events.some((e) => e.type === hh.status)).toBe(true);
      const support = h.measures.filter((m) => m.name === '综合保障').length;
      if (hh.attribute === '特困供养贫困户') expect(support).toBeGreaterThan(0);
    }
    const removed = households().filter((h) => h.status === '自然减少' || h.status === '清退').length;
    expect(removed).toBeGreaterThan(0);
    expect(removed / rows.length).toBeLessThan(0.05);
  });
});
