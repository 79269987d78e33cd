import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../../electron/core/db/database';
import { SnapshotWriter } from '../../../../electron/core/db/snapshotWriter';
import type { HouseholdRow, IncomeRow, PersonRow, StoredIssue } from '../../../../electron/core/db/snapshotRows';
import { checkCharacter } from '../../../../electron/core/identity/idNumber';
import { JobRunner } from '../../../../electron/core/jobs/jobRunner';
import type { ServiceContext } from '../../../../electron/core/service/context';

/**
 * Hand-made counties for the metrics tests: a few households described tersely, written with the
 * real SnapshotWriter into a real SQLite file in a temp folder.
 */
export interface MemberSpec {
  readonly labour?: string | null;
  readonly health?: string | null;
  /** Same number in two households = the same person twice. */
  readonly idNumber?: string;
}

export interface IncomeSpec {
  readonly year: number;
  readonly size?: number;
  readonly wage?: number | null;
  readonly business?: number | null;
  readonly businessCost?: number | null;
  readonly property?: number | null;
  readonly transfer?: number | null;
  readonly dibao?: number | null;
  readonly tekun?: number | null;
  readonly pension?: number | null;
  readonly otherTransfer?: number | null;
  readonly sourceRow?: number;
}

export interface HouseholdSpec {
  readonly code: string;
  readonly township?: string;
  readonly village?: string;
  readonly size: number;
  readonly type?: string;
  readonly attribute?: string | null;
  readonly mainCause?: string | null;
  readonly status?: string | null;
  readonly identifiedYear?: number | null;
  readonly exitYear?: number | null;
  readonly returnYear?: number | null;
  readonly returnCause?: string | null;
  readonly monitoringCategory?: string | null;
  readonly monitoringDate?: string | null;
  readonly risks?: readonly string[];
  readonly riskEliminated?: boolean | null;
  readonly eliminationMethod?: string | null;
  readonly eliminationDate?: string | null;
  readonly members?: readonly MemberSpec[];
  readonly income?: readonly IncomeSpec[];
  readonly measures?: readonly { year: number | null; name: string; measureClass?: string | null }[];
  /** [year, type, reason?] */
  readonly events?: readonly (readonly [number, string, string?])[];
}

let idCounter = 0;

/** A fresh valid 18-digit ID number (county 530999, born 1980-01-01, serial increasing). */
export function validIdNumber(): string {
  idCounter += 1;
  const first17 = `53099919800101${String(idCounter % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

export function invalidIdNumber(): string {
  const valid = validIdNumber();
  const last = valid.slice(-1);
  return valid.slice(0, 17) + (last === '0' ? '1' : '0');
}

/** A service context over a temporary county, as the loopback host would give it. */
export function serviceContextOf(county: TempCounty): ServiceContext {
  return { db: county.db, databasePath: county.path, jobs: new JobRunner(), host: 'http', workDir: '/tmp' };
}

export interface TempCounty {
  readonly db: Db;
  readonly path: string;
  readonly snapshotId: number;
  close(): void;
}

export function householdRow(h: HouseholdSpec): HouseholdRow {
  return {
    code: h.code, county: '测试县', township: h.township ?? '城关镇', village: h.village ?? '一村', areaCode: null,
    poorVillage: null, headName: null, headIdNumber: null, size: h.size, type: h.type ?? '脱贫户',
    attribute: h.attribute === undefined ? '一般贫困户' : h.attribute, standard: null,
    mainCause: h.mainCause === undefined ? '缺资金' : h.mainCause, otherCauses: [], identifiedYear: h.identifiedYear ?? null,
    status: h.status ?? null, exitYear: h.exitYear ?? null, returnYear: h.returnYear ?? null,
    returnCause: h.returnCause ?? null,
    relocated: null, housing: null, safeWater: null, monitoringCategory: h.monitoringCategory ?? null,
    monitoringDate: h.monitoringDate ?? null, risks: h.risks ?? [], riskEliminated: h.riskEliminated ?? null,
    eliminationMethod: h.eliminationMethod ?? null, eliminationDate: h.eliminationDate ?? null, sourceRow: null,
  };
}

export function incomeRow(code: string, size: number, i: IncomeSpec): IncomeRow {
  return {
    householdCode: code, year: i.year, size: i.size ?? size, wage: i.wage ?? null, business: i.business ?? null,
    businessCost: i.businessCost ?? null, property: i.property ?? null, transfer: i.transfer ?? null,
    familyPlanning: null, dibao: i.dibao ?? null, tekun: i.tekun ?? null, pension: i.pension ?? null, eco: null,
    otherTransfer: i.otherTransfer ?? null, sourceRow: i.sourceRow ?? null,
  };
}

function personRow(code: string, m: MemberSpec): PersonRow {
  return {
    householdCode: code, name: null, idNumber: m.idNumber ?? validIdNumber(), sex: null, birthDate: null,
    relation: null,
    ethnicity: null, education: null, schooling: null, health: m.health ?? '健康', labour: m.labour === undefined ? '普通劳动力' : m.labour,
    workStatus: null, workMonths: null, medicalInsurance: null, seriousIllnessInsurance: null, pensionInsurance: null,
    dibao: null, tekun: null, sourceRow: null,
  };
}

/** Writes the households into db as one snapshot; returns its id. */
export function writeSnapshot(db: Db, households: readonly HouseholdSpec[], lineSet = 'national', issues: readonly StoredIssue[] = []): number {
  const w = SnapshotWriter.begin(db, {
    countyCode: '530999', countyName: '测试县', asOf: '2023-12-31', sourceName: 'fixture', sourceSha256: 'x'.repeat(64),
    keepNames: false, eventsDerived: false, lineSet,
  });
  try {
    for (const h of households) w.addHousehold(householdRow(h));
    for (const h of households) {
      for (const m of h.members ?? []) w.addPerson(personRow(h.code, m));
      for (const i of h.income ?? []) w.addIncome(incomeRow(h.code, h.size, i));
      for (const m of h.measures ?? []) {
        w.addMeasure({
          householdCode: h.code, year: m.year, name: m.name, measureClass: m.measureClass ?? null, content: null,
          amount: null, sourceRow: null,
        });
      }
      for (const [year, type, reason] of h.events ?? []) {
        w.addEvent({
          householdCode: h.code, year, type, reason: reason ?? null, date: null, derived: false, sourceRow: null,
        });
      }
    }
    for (const issue of issues) w.addIssue(issue);
    return w.commit(issues.length).snapshotId;
  } catch (e) {
    w.rollback();
    throw e;
  }
}

export function tempCounty(households: readonly HouseholdSpec[], lineSet = 'national', issues: readonly StoredIssue[] = []): TempCounty {
  const dir = mkdtempSync(join(tmpdir(), 'tuopin-metrics-'));
  const path = join(dir, 'county.sqlite');
  const db = openDatabase(path);
  const snapshotId = writeSnapshot(db, households, lineSet, issues);
  return {
    db, path, snapshotId,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
