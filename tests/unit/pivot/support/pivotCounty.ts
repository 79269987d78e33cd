import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../../electron/core/db/database';
import { SnapshotWriter } from '../../../../electron/core/db/snapshotWriter';
import type { HouseholdRow } from '../../../../electron/core/db/snapshotRows';
import { checkCharacter } from '../../../../electron/core/identity/idNumber';

/** A tersely described household of a hand-made county; amounts in 元. */
export interface FixtureHousehold {
  readonly code: string;
  readonly township: string;
  readonly village: string;
  readonly size: number;
  readonly type?: string;
  readonly attribute?: string | null;
  readonly mainCause?: string | null;
  readonly status?: string | null;
  readonly identifiedYear?: number | null;
  readonly exitYear?: number | null;
  readonly returnYear?: number | null;
  readonly returnCause?: string | null;
  readonly relocated?: boolean | null;
  readonly poorVillage?: boolean | null;
  readonly monitoringCategory?: string | null;
  readonly risks?: readonly string[];
  readonly riskEliminated?: boolean | null;
  readonly members?: readonly { sex: '男' | '女'; birth: string; health?: string; labour?: string; work?: string }[];
  readonly income?: readonly {
    year: number; size: number; wage?: number; business?: number; businessCost?: number; property?: number;
    dibao?: number; tekun?: number; otherTransfer?: number;
  }[];
  readonly events?: readonly (readonly [number, string])[];
}

let serial = 0;

function idNumber(birth: string, male: boolean): string {
  serial = (serial + 1) % 500;
  const seq = String(serial * 2 + (male ? 1 : 0)).padStart(3, '0');
  const first17 = `530999${birth.replace(/-/g, '')}${seq}`;
  return first17 + checkCharacter(first17);
}

function householdRow(h: FixtureHousehold): HouseholdRow {
  return {
    code: h.code, county: '测试县', township: h.township, village: h.village, areaCode: null, poorVillage: h.poorVillage ?? null,
    headName: null, headIdNumber: h.members?.[0] ? idNumber(h.members[0].birth, h.members[0].sex === '男') : null, size: h.size,
    type: h.type ?? '脱贫户', attribute: h.attribute === undefined ? '一般贫困户' : h.attribute, standard: null,
    mainCause: h.mainCause === undefined ? '因病' : h.mainCause, otherCauses: [], identifiedYear: h.identifiedYear ?? 2014,
    status: h.status ?? null, exitYear: h.exitYear ?? null, returnYear: h.returnYear ?? null,
    returnCause: h.returnCause ?? null,
    relocated: h.relocated ?? false, housing: null, safeWater: null, monitoringCategory: h.monitoringCategory ?? null,
    monitoringDate: null, risks: h.risks ?? [], riskEliminated: h.riskEliminated ?? null, eliminationMethod: null,
    eliminationDate: null, sourceRow: null,
  };
}

export function writeCounty(db: Db, households: readonly FixtureHousehold[]): number {
  const w = SnapshotWriter.begin(db, {
    countyCode: '530999', countyName: '测试县', asOf: '2023-12-31', sourceName: 'pivot fixture', sourceSha256: 'p'.repeat(64),
    keepNames: false, eventsDerived: false, lineSet: 'national',
  });
  try {
    for (const h of households) w.addHousehold(householdRow(h));
    for (const h of households) {
      for (const m of h.members ?? []) {
        w.addPerson({
          householdCode: h.code, name: null, idNumber: idNumber(m.birth, m.sex === '男'), sex: m.sex, birthDate: m.birth, relation: null,
          ethnicity: null, education: null, schooling: null, health: m.health ?? '健康', labour: m.labour ?? '普通劳动力',
          workStatus: m.work ?? null, workMonths: null, medicalInsurance: null, seriousIllnessInsurance: null,
          pensionInsurance: null,
          dibao: null, tekun: null, sourceRow: null,
        });
      }
      for (const i of h.income ?? []) {
        w.addIncome({
          householdCode: h.code, year: i.year, size: i.size, wage: i.wage ?? null, business: i.business ?? null,
          businessCost: i.businessCost ?? null, property: i.property ?? null, transfer: null, familyPlanning: null,
          dibao: i.dibao ?? null, tekun: i.tekun ?? null, pension: null, eco: null,
          otherTransfer: i.otherTransfer ?? null, sourceRow: null,
        });
      }
      for (const [year, type] of h.events ?? []) {
        w.addEvent({ householdCode: h.code, year, type, reason: null, date: null, derived: false, sourceRow: null });
      }
    }
    return w.commit(0).snapshotId;
  } catch (err) {
    w.rollback();
    throw err;
  }
}

/**
 * The hand-made county of the pivot tests. Its arithmetic, used in the tests:
 * 2020 income rows (net = wage + business − cost + property + transfer; 人均 = net / size):
 *   H1 城关镇/一村 size 3: 9000 + 3000 − 1000 + 1200 (低保 600, other 600) = 12200 → 4066.67
 *   H2 城关镇/二村 size 1: 低保 5000 → 5000
 *   H3 城关镇/一村 size 4: wage 12000 → 3000
 *   H4 河口乡/一村 size 2: 特困 4000 → 2000
 *   H5 河口乡/三村 size 5: 5000 + 2000 = 7000 → 1400
 *   H7 河口乡/三村 size 3: wage 6000 → 2000
 *   Σnet 46200, Σsize 18 → 人均 2566.67; weighted median 2000 (persons ≤ 1400: 5, ≤ 2000: 10 ≥ 9)
 * 2019 rows: H1 size 4 (household size 3!) wage 8000 → 2000; H5 size 5 wage 4000 → 800; H7 size 3 wage 12000 → 4000.
 * H6 is a monitored 普通农户 without income rows. 河口乡 has a 一村 too (same name as 城关镇's).
 */
export const PIVOT_COUNTY: readonly FixtureHousehold[] = [
  {
    code: 'H1', township: '城关镇', village: '一村', size: 3, status: '已脱贫（享受政策）', exitYear: 2016, poorVillage: true,
    members: [
      { sex: '男', birth: '1980-05-01', labour: '普通劳动力', work: '省外务工' },
      { sex: '女', birth: '1982-12-31', health: '长期慢性病' },
      { sex: '男', birth: '2010-01-01', labour: '无劳动力' },
    ],
    income: [
      { year: 2019, size: 4, wage: 8000 },
      { year: 2020, size: 3, wage: 9000, business: 3000, businessCost: 1000, dibao: 600, otherTransfer: 600 },
    ],
    events: [[2014, '识别'], [2016, '脱贫']],
  },
  {
    code: 'H2', township: '城关镇', village: '二村', size: 1, attribute: '低保贫困户', status: '已脱贫（享受政策）', exitYear: 2016,
    mainCause: '因残', poorVillage: false,
    members: [{ sex: '女', birth: '1950-06-01', health: '患有大病', labour: '丧失劳动力' }],
    income: [{ year: 2020, size: 1, dibao: 5000 }],
    events: [[2014, '识别'], [2016, '脱贫']],
  },
  {
    code: 'H3', township: '城关镇', village: '一村', size: 4, status: '已脱贫（不再享受政策）', exitYear: 2017, poorVillage: true,
    mainCause: '缺资金', income: [{ year: 2020, size: 4, wage: 12000 }], events: [[2014, '识别'], [2017, '脱贫']],
  },
  {
    code: 'H4', township: '河口乡', village: '一村', size: 2, attribute: '特困供养贫困户', status: '返贫', exitYear: 2016,
    returnYear: 2018, returnCause: '因病', relocated: true,
    income: [{ year: 2020, size: 2, tekun: 4000 }], events: [[2014, '识别'], [2016, '脱贫'], [2018, '返贫']],
  },
  {
    code: 'H5', township: '河口乡', village: '三村', size: 5, status: '未脱贫', mainCause: '缺技术',
    income: [{ year: 2019, size: 5, wage: 4000 }, { year: 2020, size: 5, wage: 5000, business: 2000 }], events: [[2015, '识别']],
  },
  {
    code: 'H6', township: '河口乡', village: '三村', size: 2, type: '普通农户', attribute: null, mainCause: null, status: null,
    monitoringCategory: '边缘易致贫户', risks: ['因病', '因学'], riskEliminated: false,
  },
  {
    code: 'H7', township: '河口乡', village: '三村', size: 3, status: '已脱贫（享受政策）', exitYear: 2019,
    members: [
      { sex: '男', birth: '1990-01-01' },
      { sex: '女', birth: '2008-01-01', labour: '无劳动力' },
      { sex: '女', birth: '2007-12-31', labour: '无劳动力' },
      { sex: '男', birth: '1958-01-01', health: '残疾', labour: '弱劳动力或半劳动力' },
    ],
    income: [{ year: 2019, size: 3, wage: 12000 }, { year: 2020, size: 3, wage: 6000 }],
    events: [[2015, '识别'], [2019, '脱贫']],
  },
];

export interface TempDb {
  readonly db: Db;
  readonly dir: string;
  readonly path: string;
  readonly snapshotId: number;
  close(): void;
}

export function tempCounty(households: readonly FixtureHousehold[] = PIVOT_COUNTY): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'tuopin-pivot-'));
  const path = join(dir, 'county.sqlite');
  const db = openDatabase(path);
  const snapshotId = writeCounty(db, households);
  return {
    db, dir, path, snapshotId,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
