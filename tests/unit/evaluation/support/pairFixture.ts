import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../../electron/core/db/database';
import { SnapshotWriter } from '../../../../electron/core/db/snapshotWriter';
import { householdRow, incomeRow, validIdNumber, type HouseholdSpec } from '../../metrics/support/countyFixture';

/** A household of a hand-built snapshot: the metrics fixture's spec, plus the head's ID number and members by ID. */
export interface PairHousehold extends Omit<HouseholdSpec, 'members'> {
  readonly headId?: string;
  /** Member ID numbers (the same number in A and B is the same person). */
  readonly memberIds?: readonly string[];
}

export interface SnapshotSpec {
  readonly asOf: string;
  readonly countyCode?: string | null;
  readonly countyName?: string;
  readonly households: readonly PairHousehold[];
}

export function writeSpec(db: Db, spec: SnapshotSpec, lineSet = 'national'): number {
  const w = SnapshotWriter.begin(db, {
    countyCode: spec.countyCode === undefined ? '530999' : spec.countyCode, countyName: spec.countyName ?? '测试县', asOf: spec.asOf,
    sourceName: `fixture ${spec.asOf}`, sourceSha256: 'y'.repeat(64), keepNames: false, eventsDerived: false, lineSet,
  });
  try {
    for (const h of spec.households) w.addHousehold({
      ...householdRow(h as HouseholdSpec), headIdNumber: h.headId ?? null,
    });
    for (const h of spec.households) {
      for (const id of h.memberIds ?? []) {
        w.addPerson({
          householdCode: h.code, name: null, idNumber: id, sex: null, birthDate: null, relation: null, ethnicity: null,
          education: null,
          schooling: null, health: '健康', labour: '普通劳动力', workStatus: null, workMonths: null, medicalInsurance: null,
          seriousIllnessInsurance: null, pensionInsurance: null, dibao: null, tekun: null, sourceRow: null,
        });
      }
      for (const i of h.income ?? []) w.addIncome(incomeRow(h.code, h.size, i));
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

export interface TempDb { readonly db: Db; close(): void }

export function tempDb(): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'tuopin-eval-'));
  const db = openDatabase(join(dir, 'e.sqlite'));
  return { db, close() { db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export { validIdNumber };
