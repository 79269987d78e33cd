import type { Db } from '../../../../electron/core/db/database';
import { SnapshotWriter } from '../../../../electron/core/db/snapshotWriter';
import { Random } from '../../../../electron/core/demo/random';
import { checkCharacter } from '../../../../electron/core/identity/idNumber';
import { LABOUR, HEALTH, RISK, MONITORING_CATEGORY } from '../../../../shared/domain/codeLists';
import { MEASURE_NAMES } from '../../../../shared/domain/measureClasses';
import { householdRow, incomeRow, type HouseholdSpec, type IncomeSpec } from './countyFixture';

/** The demo's seeded PRNG (mulberry32): the same seed gives the same county. */
export function prng(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}

export interface GeneratedCountyOptions {
  readonly households: number;
  readonly seed: number;
  readonly townships?: number;
  /** Share of households whose events are deliberately inconsistent (flow-identity breaks). */
  readonly brokenShare?: number;
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

function idNumber(serial: number): string {
  const first17 = `5309991980${String(serial).padStart(7, '0')}`.slice(0, 17);
  return first17 + checkCharacter(first17);
}

/**
 * One generated household: a life of events (识别, 脱贫, sometimes 返贫 and a re-exit, sometimes
 * 自然减少 or 清退), income rows from its identification year (size changing now and then, a few
 * years missing), members, measures and monitoring fields. Shapes, not realism, are the point.
 */
export function generateHousehold(rnd: () => number, k: number, townships: number, brokenShare: number): HouseholdSpec {
  const t = Math.floor(rnd() * townships);
  const size = 1 + Math.floor(rnd() * 6);
  const ordinary = rnd() < 0.02;
  const identified = ordinary ? null : 2014 + (rnd() < 0.7 ? 0 : Math.floor(rnd() * 6));
  const events: [number, string, string?][] = [];
  let exitYear: number | null = null;
  let returnYear: number | null = null;
  let status: string | null = null;
  if (identified !== null) {
    events.push([identified, '识别']);
    const fate = rnd();
    if (fate < 0.02) {
      events.push([identified + Math.floor(rnd() * 3), pick(rnd, ['自然减少', '清退'])]);
      status = '自然减少';
    } else {
      exitYear = Math.min(2020, identified + Math.floor(rnd() * 4));
      events.push([exitYear, '脱贫']);
      status = '已脱贫（享受政策）';
      if (rnd() < 0.05 && exitYear < 2019) {
        returnYear = exitYear + 1 + Math.floor(rnd() * (2019 - exitYear));
        events.push([returnYear, '返贫', pick(rnd, RISK.values).label]);
        if (rnd() < 0.8) {
          exitYear = Math.min(2020, returnYear + Math.floor(rnd() * 2));
          events.push([exitYear, '脱贫']);
        } else {
          status = '返贫';
        }
      }
      // After the household's last event: a return not followed by a re-exit comes after exitYear, and a
      // death placed before it made a consistent history read as broken (seed 800338316).
      const lastYear = Math.max(...events.map((e) => e[0]));
      if (rnd() < 0.01) events.push([Math.min(2023, lastYear + 1 + Math.floor(rnd() * 3)), '自然减少', '死亡']);
    }
    if (rnd() < brokenShare) events.push([2014 + Math.floor(rnd() * 7), pick(rnd, ['脱贫', '返贫', '识别'])]);
  }
  const income: IncomeSpec[] = [];
  const firstIncome = identified ?? 2019;
  let incomeSize = size;
  const base = 1500 + rnd() * 3000;
  for (let y = firstIncome; y <= 2020 + (rnd() < 0.45 ? 3 : 0); y++) {
    if (rnd() < 0.03) continue;
    if (rnd() < 0.05) incomeSize = Math.max(1, incomeSize + (rnd() < 0.5 ? -1 : 1));
    const growth = Math.pow(1.1, y - 2014);
    const blank = (v: number): number | null => (rnd() < 0.05 ? null : Math.round(v));
    income.push({
      year: y, size: incomeSize,
      wage: blank(base * incomeSize * growth * rnd()),
      business: blank(base * incomeSize * growth * rnd() * 0.6),
      businessCost: blank(base * incomeSize * growth * rnd() * 0.1),
      property: blank(100 * rnd()),
      dibao: rnd() < 0.3 ? Math.round(1500 * rnd() * incomeSize) : null,
      tekun: rnd() < 0.05 ? Math.round(3000 * rnd()) : null,
      pension: blank(600 * rnd()),
      otherTransfer: blank(300 * rnd()),
    });
  }
  const monitored = ordinary || rnd() < 0.05;
  const risks = monitored ? [pick(rnd, RISK.values).label, ...(rnd() < 0.3 ? [pick(rnd, RISK.values).label] : [])] : [];
  const eliminated = monitored ? rnd() < 0.6 : null;
  const monYear = 2021 + Math.floor(rnd() * 3);
  return {
    code: `G${String(k).padStart(7, '0')}`,
    township: `乡镇${t + 1}`,
    village: `村${Math.floor(rnd() * 12) + 1}`,
    size,
    type: ordinary ? '普通农户' : '脱贫户',
    attribute: ordinary ? null : pick(rnd, ['一般贫困户', '一般贫困户', '一般贫困户', '低保贫困户', '特困供养贫困户']),
    mainCause: ordinary ? null : pick(rnd, ['因病', '因残', '缺资金', '缺劳力', '缺技术']),
    status: ordinary ? null : status,
    identifiedYear: identified,
    exitYear,
    returnYear,
    monitoringCategory: monitored ? (ordinary ? '边缘易致贫户' : pick(rnd, MONITORING_CATEGORY.values).label) : null,
    monitoringDate: monitored ? `${monYear}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}` : null,
    risks,
    riskEliminated: eliminated,
    eliminationMethod: eliminated ? pick(rnd, ['帮扶消除', '自然消除']) : null,
    eliminationDate: eliminated ? `${monYear + 1}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}` : null,
    members: Array.from({ length: rnd() < 0.01 ? size + 1 : size }, () => ({
      labour: pick(rnd, LABOUR.values).label, health: pick(rnd, HEALTH.values).label,
    })),
    income,
    measures: Array.from({ length: Math.floor(rnd() * 3) }, () => ({
      year: 2014 + Math.floor(rnd() * 7), name: pick(rnd, MEASURE_NAMES),
    })),
    events,
  };
}

/** Writes a generated county of `households` households into db; returns the snapshot id. */
export function writeGeneratedCounty(db: Db, options: GeneratedCountyOptions): number {
  const rnd = prng(options.seed);
  const townships = options.townships ?? 15;
  const w = SnapshotWriter.begin(db, {
    countyCode: '530999', countyName: '生成县', asOf: '2023-12-31', sourceName: `generated-${options.seed}`,
    sourceSha256: '0'.repeat(64), keepNames: false, eventsDerived: false,
  });
  let serial = 0;
  try {
    for (let k = 0; k < options.households; k++) {
      const h = generateHousehold(rnd, k, townships, options.brokenShare ?? 0);
      w.addHousehold(householdRow(h));
      for (const m of h.members ?? []) {
        serial++;
        w.addPerson({
          householdCode: h.code, name: null, idNumber: idNumber(serial), sex: null, birthDate: null, relation: null,
          ethnicity: null, education: null, schooling: null, health: m.health ?? null, labour: m.labour ?? null,
          workStatus: null, workMonths: null, medicalInsurance: null, seriousIllnessInsurance: null,
          pensionInsurance: null,
          dibao: null, tekun: null, sourceRow: null,
        });
      }
      for (const i of h.income ?? []) w.addIncome(incomeRow(h.code, h.size, i));
      for (const m of h.measures ?? []) {
        w.addMeasure({
          householdCode: h.code, year: m.year, name: m.name, measureClass: null, content: null, amount: null,
          sourceRow: null,
        });
      }
      for (const [year, type, reason] of h.events ?? []) {
        w.addEvent({
          householdCode: h.code, year, type, reason: reason ?? null, date: null, derived: false, sourceRow: null,
        });
      }
    }
    return w.commit(0).snapshotId;
  } catch (e) {
    w.rollback();
    throw e;
  }
}
