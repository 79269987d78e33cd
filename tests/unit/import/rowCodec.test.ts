import { describe, expect, it } from 'vitest';
import type {
  EventRow, HouseholdRow, MeasureRow, PersonRow, StoredHouseholdRow, StoredPersonRow,
} from '../../../electron/core/db/snapshotRows';
import { IdDigester, IdKeyHasher } from '../../../electron/core/identity/idDigest';
import {
  EVENT_CODEC, HOUSEHOLD_CODEC, MEASURE_CODEC, PERSON_CODEC, RowDecoder, RowEncoder, type RowCodec,
} from '../../../electron/core/import/write/rowCodec';

const CODES = ['H001', 'H002', 'H003'];
const place = (code: string): number => CODES.indexOf(code);
const codeAt = (p: number): string => CODES[p] as string;

const SECRET = Buffer.alloc(32, 9);

/** Encodes the rows in batches of `batch` and decodes them again on a fresh decoder, as the thread does. */
function roundTrip<In, Out>(codec: RowCodec<In, Out>, rows: readonly In[], batch: number): Out[] {
  const encoder = new RowEncoder(codec, place);
  // The thread hashes under the secret the import handed it (writeSession.ts).
  const decoder = new RowDecoder(codec, codeAt, new IdKeyHasher(SECRET));
  const out: Out[] = [];
  for (let from = 0; from < rows.length; from += batch) {
    const n = Math.min(batch, rows.length - from);
    const encoded = encoder.encode(n, (k) => rows[from + k] as In);
    // What crosses to the thread is a structured clone.
    decoder.decode(structuredClone(encoded), (r) => out.push(r));
  }
  return out;
}

const household = (code: string, over: Partial<HouseholdRow> = {}): HouseholdRow => ({
  code, county: '云岭县', township: '城关镇', village: '东村', areaCode: '530999100201', poorVillage: true, headName: '甲',
  headIdNumber: '530999198001010015', size: 3, type: '脱贫户', attribute: '一般贫困户', standard: null, mainCause: '因病',
  otherCauses: ['因残', '缺技术'], identifiedYear: 2014, status: '已脱贫（享受政策）', exitYear: 2016, returnYear: null,
  returnCause: null, relocated: false, housing: null, safeWater: true, monitoringCategory: null, monitoringDate: null,
  risks: [],
  riskEliminated: null, eliminationMethod: null, eliminationDate: null, plainValues: { cultivatedLand: 2.5 },
  sourceRow: 4, ...over,
});

const person = (householdCode: string, over: Partial<PersonRow> = {}): PersonRow => ({
  householdCode, name: '乙', idNumber: '530999198001010023', sex: '女', birthDate: '1980-01-01', relation: '配偶', ethnicity: '汉族',
  education: '小学', schooling: '非在校生', health: '健康', labour: '普通劳动力', workStatus: '省外务工', workMonths: 9,
  medicalInsurance: true, seriousIllnessInsurance: false, pensionInsurance: null, dibao: false, tekun: null,
  sourceRow: 7, ...over,
});

describe('row codec of the write thread', () => {
  it('gives back every household field, nulls, lists and labels numbered across batches', () => {
    const rows = [
      household('H001'),
      household('H002', { otherCauses: [], risks: ['因病', '因学'], poorVillage: null, headName: null, headIdNumber: null, size: 1,
        monitoringCategory: '脱贫不稳定户', monitoringDate: '2021-05', riskEliminated: true, eliminationDate: '2022-01-01', sourceRow: null,
        plainValues: { cultivatedLand: null } }),
      household('H003', { otherCauses: ['因灾'], village: '西村', exitYear: null, identifiedYear: null, status: null }),
    ];
    // What the writer would store, digested by a digester of its own under the same secret.
    const ids = new IdDigester(SECRET);
    const expected = rows.map(({ headIdNumber, ...h }): StoredHouseholdRow => {
      const head = ids.head(headIdNumber);
      return { ...h, headIdHash: head?.hash ?? null, headIdMasked: head?.masked ?? null };
    });
    expect(roundTrip(HOUSEHOLD_CODEC, rows, 2)).toEqual(expected);
    expect(expected[0]?.headIdMasked).toBe('530999**********15');
  });

  it('gives back members, measures and events with their households by place', () => {
    const persons = [
      person('H002'), person('H001', { name: null, sex: null, birthDate: null, workMonths: null, ethnicity: '苗族' }),
      person('H003', { idNumber: '12345' }),
      // A 残疾人证 number links by its ID part: the same hash as the ID number's.
      person('H003', { idNumber: '53099919800101002342' }),
    ];
    const ids = new IdDigester(SECRET);
    const expected = persons.map(({ idNumber, ...p }): StoredPersonRow => {
      const id = ids.member(idNumber);
      return {
        ...p, idHash: id.hash, idMasked: id.masked, idKind: id.kind, idValid: id.valid, sex: p.sex ?? id.sex,
        birthDate: p.birthDate ?? id.birthDate,
      };
    });
    expect(roundTrip(PERSON_CODEC, persons, 2)).toEqual(expected);
    // Sex and birth date come from the ID number where the row has none; an odd number is kept as other.
    expect(expected[1]).toMatchObject({ sex: '女', birthDate: '1980-01-01', idKind: 'id18' });
    expect(expected[2]).toMatchObject({ idKind: 'other', idValid: null, sex: '女' });
    expect(expected[3]).toMatchObject({ idKind: 'disability', idHash: expected[0]?.idHash });
    const measures: MeasureRow[] = [
      { householdCode: 'H003', year: 2018, name: '产业扶持', measureClass: '产业', content: '发放鸡苗 50 只', amount: 1200.5, sourceRow: 2 },
      { householdCode: 'H001', year: null, name: '低保', measureClass: null, content: null, amount: null, sourceRow: null },
    ];
    expect(roundTrip(MEASURE_CODEC, measures, 1)).toEqual(measures);
    const events: EventRow[] = [
      { householdCode: 'H002', year: 2016, type: '脱贫', reason: null, date: '2016-12-01', derived: false, sourceRow: 9 },
      { householdCode: 'H002', year: 2018, type: '返贫', reason: '因病', date: null, derived: true, sourceRow: null },
    ];
    expect(roundTrip(EVENT_CODEC, events, 5)).toEqual(events);
  });

  it('fails a codec whose declared widths do not match what it writes', () => {
    const wrong: RowCodec<PersonRow, StoredPersonRow> = { ...PERSON_CODEC, ints: PERSON_CODEC.ints - 1 };
    expect(() => new RowEncoder(wrong, place).encode(1, () => person('H001'))).toThrow(/宽度/);
    // A thread without the secret cannot store a member: nothing is written unhashed.
    const batch = new RowEncoder(PERSON_CODEC, place).encode(1, () => person('H001'));
    expect(() => new RowDecoder(PERSON_CODEC, codeAt).decode(batch, () => undefined)).toThrow(/密钥/);
  });

  it('sends no digest from the reading thread: the ID numbers cross in memory as what the thread hashes', () => {
    // A 残疾人证 number is the ID and two digits: both cross as the ID the fixture's person carries.
    const { idNumber } = person('H001');
    const batch = new RowEncoder(PERSON_CODEC, place).encode(2, (k) => person('H001', k === 0 ? {} : { idNumber: `${idNumber}42` }));
    expect(batch.idKeys).toEqual([idNumber, idNumber]);
    expect(Object.values(batch).some((v) => v instanceof Uint8Array && !(v instanceof Int32Array))).toBe(false);
  });
});
