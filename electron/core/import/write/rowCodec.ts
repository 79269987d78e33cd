import type { EventRow, HouseholdRow, MeasureRow, PersonRow, StoredHouseholdRow, StoredPersonRow } from '../../db/snapshotRows';
import type { IdKeyHasher } from '../../identity/idDigest';
import { idHashKey, type ParsedId, parseIdNumber } from '../../identity/idNumber';
import { EVENT_COLUMNS, EVENT_PLAIN } from '../../columns/eventColumns';
import { HOUSEHOLD_COLUMNS, HOUSEHOLD_PLAIN } from '../../columns/householdColumns';
import { MEASURE_COLUMNS, MEASURE_PLAIN } from '../../columns/measureColumns';
import { MEMBER_COLUMNS, MEMBER_PLAIN } from '../../columns/memberColumns';
import { wireWidthOf, type PlainColumn, type PlainValue, type PlainValues } from '../../columns/sheetColumn';

/**
 * How the rows of a table travel to the write thread. A structured clone of row objects costs
 * more than writing them (measured: 2.3 µs to clone and 4.5 µs to rebuild a member row, against
 * ≈ 10 µs to write it), so a batch goes column-wise instead:
 * - label: a code-list label or other repeated text, sent once and then as a number;
 * - text: text of its own (ID number, name, 户编号 of a household), sent as is;
 * - number / flag: in typed arrays, which cross threads without a copy row by row;
 * - list: a list of labels (其他致贫原因, 风险类型), sent as one label;
 * - household: the 户编号 of a child row, sent as the household's place in 户信息;
 * - an ID number: parsed and checked on the reading thread (masked form, kind, check), hashed on
 *   the write thread (IdKeyHasher, under the secret the import handed it at its start), which
 *   evens out the work of the two threads: what is hashed crosses in memory, in `idKeys`, and
 *   nothing of it is stored or written anywhere but as the hash.
 * Each table's codec writes and reads its fields side by side, in one order, with plain property
 * access (a generic loop over field names measured 5× slower); its widths come from the column
 * table (columns/*Columns.ts), so a codec that skips or adds a field fails at its first batch. The
 * table's plain columns follow, written and read by their kind in a loop (none today).
 */
export interface RowCodec<In, Out = In> {
  /** Slots per row in the int and number arrays and ID keys per row (checked at every batch). */
  readonly ints: number;
  readonly numbers: number;
  readonly hashes: number;
  write(row: In, w: FieldWriter): void;
  read(r: FieldReader): Out;
}

/** A batch of rows as it crosses to the write thread. */
export interface EncodedRows {
  readonly count: number;
  /** Label numbers (−1: null), flags (−1 null, 0, 1) and household places, row by row. */
  readonly ints: Int32Array<ArrayBuffer>;
  /** Numbers row by row (NaN: null). */
  readonly numbers: Float64Array<ArrayBuffer>;
  /** What the write thread hashes of each ID number (idHashKey; null where there is none). */
  readonly idKeys: (string | null)[];
  readonly texts: (string | null)[];
  /** Labels first seen in this batch, numbered on from the labels sent before. */
  readonly newLabels: string[];
}

/** Joins a list's labels; no label holds it (labels are cell text, split at 、 and the like). */
const LIST_JOIN = '\u0001';

export class FieldWriter {
  private ints: Int32Array<ArrayBuffer> = new Int32Array(0);
  private numbers: Float64Array<ArrayBuffer> = new Float64Array(0);
  private idKeys: (string | null)[] = [];
  private idSlots = 0;
  private texts: (string | null)[] = [];
  private newLabels: string[] = [];
  private i = 0;
  private d = 0;
  /** The place of the row's household when the caller knows it already (−1: look it up). */
  place = -1;

  constructor(
    private readonly labels: Map<string, number>,
    private readonly householdPlace: (code: string) => number,
  ) {}

  start(ints: number, numbers: number, hashes: number): void {
    this.ints = new Int32Array(ints);
    this.numbers = new Float64Array(numbers);
    this.idKeys = [];
    this.idSlots = hashes;
    this.texts = [];
    this.newLabels = [];
    this.i = 0;
    this.d = 0;
  }

  take(count: number): EncodedRows {
    // A typed array drops writes past its end without a word: a codec whose widths are off must fail here.
    if (this.i !== this.ints.length || this.d !== this.numbers.length || this.idKeys.length !== this.idSlots) {
      throw new Error(`行编码的宽度不对：整数 ${this.i}/${this.ints.length}，数值 ${this.d}/${this.numbers.length}，`
        + `证件号码 ${this.idKeys.length}/${this.idSlots}`);
    }
    return {
      count, ints: this.ints, numbers: this.numbers, idKeys: this.idKeys, texts: this.texts, newLabels: this.newLabels,
    };
  }

  /** A household head's ID number: what is hashed (and whether there is one) and masked form. */
  headId(idNumber: string | null): void {
    const id = idNumber ? parseIdNumber(idNumber) : null;
    this.flag(id !== null);
    this.idKeys.push(id ? idHashKey(id) : null);
    this.text(id?.masked ?? null);
  }

  /** A member's ID number: what is hashed, masked form, kind and check; the parse, for sex and birth date. */
  memberId(idNumber: string): ParsedId {
    const id = parseIdNumber(idNumber);
    this.idKeys.push(idHashKey(id));
    this.text(id.masked);
    this.label(id.kind);
    this.flag(id.valid);
    return id;
  }

  label(v: string | null): void {
    if (v === null) {
      this.ints[this.i++] = -1;
      return;
    }
    let n = this.labels.get(v);
    if (n === undefined) {
      n = this.labels.size;
      this.labels.set(v, n);
      this.newLabels.push(v);
    }
    this.ints[this.i++] = n;
  }

  list(v: readonly string[]): void {
    if (v.length === 0) this.ints[this.i++] = -1;
    else this.label(v.length === 1 ? (v[0] as string) : v.join(LIST_JOIN));
  }

  text(v: string | null): void {
    this.texts.push(v);
  }

  number(v: number | null): void {
    this.numbers[this.d++] = v === null ? NaN : v;
  }

  flag(v: boolean | null): void {
    this.ints[this.i++] = v === null ? -1 : v ? 1 : 0;
  }

  household(code: string): void {
    this.ints[this.i++] = this.place >= 0 ? this.place : this.householdPlace(code);
  }
}

export class FieldReader {
  private batch: EncodedRows | null = null;
  private i = 0;
  private d = 0;
  private t = 0;
  private h = 0;

  constructor(
    private readonly labels: string[],
    private readonly householdCode: (place: number) => string,
    private readonly ids: IdKeyHasher | null,
  ) {}

  start(batch: EncodedRows): void {
    for (const l of batch.newLabels) this.labels.push(l);
    this.batch = batch;
    this.i = 0;
    this.d = 0;
    this.t = 0;
    this.h = 0;
  }

  private int(): number {
    return (this.batch as EncodedRows).ints[this.i++] as number;
  }

  label(): string | null {
    const n = this.int();
    return n < 0 ? null : (this.labels[n] as string);
  }

  list(): string[] {
    const v = this.label();
    return v === null ? [] : v.split(LIST_JOIN);
  }

  text(): string | null {
    return (this.batch as EncodedRows).texts[this.t++] ?? null;
  }

  number(): number | null {
    const v = (this.batch as EncodedRows).numbers[this.d++] as number;
    return Number.isNaN(v) ? null : v;
  }

  flag(): boolean | null {
    const v = this.int();
    return v < 0 ? null : v === 1;
  }

  household(): string {
    return this.householdCode(this.int());
  }

  private idKey(): string | null {
    return (this.batch as EncodedRows).idKeys[this.h++] ?? null;
  }

  private hasher(): IdKeyHasher {
    if (!this.ids) throw new Error('写入线程：证件号码需要本库的散列密钥');
    return this.ids;
  }

  headId(): { hash: Buffer | null; masked: string | null } {
    const present = this.flag() === true;
    const key = this.idKey();
    const masked = this.text();
    return { hash: present && key !== null ? this.hasher().head(key) : null, masked };
  }

  memberId(): { hash: Buffer; masked: string; kind: string; valid: boolean | null } {
    const hash = this.hasher().member(required(this.idKey(), '证件号码'));
    const masked = this.text() ?? '';
    const kind = this.label() ?? 'other';
    return { hash, masked, kind, valid: this.flag() };
  }
}

const required = <T>(v: T | null, what: string): T => {
  if (v === null) throw new Error(`写入线程：${what}缺失`);
  return v;
};

/** The values of a table's plain columns, after its own fields. */
function writePlain(w: FieldWriter, plain: readonly PlainColumn[], values: PlainValues | undefined): void {
  for (const c of plain) {
    const v = values?.[c.field] ?? null;
    switch (c.kind) {
      case 'text': w.text(v === null ? null : String(v)); break;
      case 'label': case 'date': w.label(v === null ? null : String(v)); break;
      case 'flag': w.flag(typeof v === 'boolean' ? v : null); break;
      case 'year': case 'quantity': w.number(typeof v === 'number' ? v : null); break;
    }
  }
}

function readPlain(r: FieldReader, plain: readonly PlainColumn[]): PlainValues | undefined {
  if (plain.length === 0) return undefined;
  const out: Record<string, PlainValue> = {};
  for (const c of plain) {
    switch (c.kind) {
      case 'text': out[c.field] = r.text(); break;
      case 'label': case 'date': out[c.field] = r.label(); break;
      case 'flag': out[c.field] = r.flag(); break;
      case 'year': case 'quantity': out[c.field] = r.number(); break;
    }
  }
  return out;
}

/** Besides the table's columns: the source row (a number). */
const SOURCE_ROW = { numbers: 1 } as const;

export const HOUSEHOLD_CODEC: RowCodec<HouseholdRow, StoredHouseholdRow> = {
  // On 户信息 the 户编号 is the row's own key, sent as text.
  ...wireWidthOf(HOUSEHOLD_COLUMNS, SOURCE_ROW, true),
  write(h, w) {
    w.text(h.code); w.label(h.county); w.label(h.township); w.label(h.village); w.label(h.areaCode);
    w.flag(h.poorVillage);
    w.text(h.headName); w.headId(h.headIdNumber); w.number(h.size); w.label(h.type); w.label(h.attribute);
    w.label(h.standard);
    w.label(h.mainCause); w.list(h.otherCauses); w.number(h.identifiedYear); w.label(h.status); w.number(h.exitYear);
    w.number(h.returnYear); w.label(h.returnCause); w.flag(h.relocated); w.label(h.housing); w.flag(h.safeWater);
    w.label(h.monitoringCategory); w.label(h.monitoringDate); w.list(h.risks); w.flag(h.riskEliminated);
    w.label(h.eliminationMethod); w.label(h.eliminationDate); w.number(h.sourceRow);
    writePlain(w, HOUSEHOLD_PLAIN, h.plainValues);
  },
  read(r) {
    const code = required(r.text(), '户编号');
    const county = required(r.label(), '县');
    const township = required(r.label(), '乡镇');
    const village = required(r.label(), '行政村');
    const areaCode = r.label();
    const poorVillage = r.flag();
    const headName = r.text();
    const head = r.headId();
    return {
      code, county, township, village, areaCode, poorVillage, headName, headIdHash: head.hash,
      headIdMasked: head.masked,
      size: required(r.number(), '家庭人口数'), type: required(r.label(), '户类型'),
      attribute: r.label(), standard: r.label(), mainCause: r.label(), otherCauses: r.list(),
      identifiedYear: r.number(),
      status: r.label(), exitYear: r.number(), returnYear: r.number(), returnCause: r.label(), relocated: r.flag(),
      housing: r.label(), safeWater: r.flag(), monitoringCategory: r.label(), monitoringDate: r.label(),
      risks: r.list(),
      riskEliminated: r.flag(), eliminationMethod: r.label(), eliminationDate: r.label(), sourceRow: r.number(),
      plainValues: readPlain(r, HOUSEHOLD_PLAIN),
    };
  },
};

export const PERSON_CODEC: RowCodec<PersonRow, StoredPersonRow> = {
  ...wireWidthOf(MEMBER_COLUMNS, SOURCE_ROW),
  write(p, w) {
    w.household(p.householdCode); w.text(p.name);
    const id = w.memberId(p.idNumber);
    w.label(p.sex ?? id.sex); w.label(p.birthDate ?? id.birthDate);
    w.label(p.relation); w.label(p.ethnicity); w.label(p.education); w.label(p.schooling); w.label(p.health);
    w.label(p.labour); w.label(p.workStatus); w.number(p.workMonths); w.flag(p.medicalInsurance);
    w.flag(p.seriousIllnessInsurance); w.flag(p.pensionInsurance); w.flag(p.dibao); w.flag(p.tekun);
    w.number(p.sourceRow);
    writePlain(w, MEMBER_PLAIN, p.plainValues);
  },
  read(r) {
    const householdCode = r.household();
    const name = r.text();
    const id = r.memberId();
    return {
      householdCode, name, idHash: id.hash, idMasked: id.masked, idKind: id.kind, idValid: id.valid, sex: r.label(),
      birthDate: r.label(), relation: r.label(), ethnicity: r.label(), education: r.label(), schooling: r.label(),
      health: r.label(), labour: r.label(), workStatus: r.label(), workMonths: r.number(), medicalInsurance: r.flag(),
      seriousIllnessInsurance: r.flag(), pensionInsurance: r.flag(), dibao: r.flag(), tekun: r.flag(),
      sourceRow: r.number(),
      plainValues: readPlain(r, MEMBER_PLAIN),
    };
  },
};

export const MEASURE_CODEC: RowCodec<MeasureRow> = {
  // Besides the table's columns: the measure's class (a label) and the source row.
  ...wireWidthOf(MEASURE_COLUMNS, { ints: 1, numbers: 1 }),
  write(m, w) {
    w.household(m.householdCode); w.number(m.year); w.label(m.name); w.label(m.measureClass); w.text(m.content);
    w.number(m.amount); w.number(m.sourceRow);
    writePlain(w, MEASURE_PLAIN, m.plainValues);
  },
  read(r) {
    return {
      householdCode: r.household(), year: r.number(), name: required(r.label(), '措施名称'), measureClass: r.label(),
      content: r.text(), amount: r.number(), sourceRow: r.number(), plainValues: readPlain(r, MEASURE_PLAIN),
    };
  },
};

export const EVENT_CODEC: RowCodec<EventRow> = {
  // Besides the table's columns: whether the event was derived (a flag) and the source row.
  ...wireWidthOf(EVENT_COLUMNS, { ints: 1, numbers: 1 }),
  write(e, w) {
    w.household(e.householdCode); w.number(e.year); w.label(e.type); w.label(e.reason); w.label(e.date);
    w.flag(e.derived);
    w.number(e.sourceRow);
    writePlain(w, EVENT_PLAIN, e.plainValues);
  },
  read(r) {
    return {
      householdCode: r.household(), year: required(r.number(), '年度'), type: required(r.label(), '变化类型'), reason: r.label(),
      date: r.label(), derived: r.flag() === true, sourceRow: r.number(), plainValues: readPlain(r, EVENT_PLAIN),
    };
  },
};

/** Encodes the rows of one table, batch after batch, numbering labels across batches. */
export class RowEncoder<T> {
  private readonly w: FieldWriter;

  constructor(private readonly codec: RowCodec<T, unknown>, householdPlace: (code: string) => number) {
    this.w = new FieldWriter(new Map(), householdPlace);
  }

  /** `placeAt`: the household places of child rows, where the caller has them at hand. */
  encode(count: number, rowAt: (k: number) => T, placeAt?: (k: number) => number): EncodedRows {
    this.w.start(count * this.codec.ints, count * this.codec.numbers, count * this.codec.hashes);
    for (let k = 0; k < count; k++) {
      this.w.place = placeAt ? placeAt(k) : -1;
      this.codec.write(rowAt(k), this.w);
    }
    return this.w.take(count);
  }
}

/** Turns batches back into rows on the write thread. */
export class RowDecoder<T> {
  private readonly r: FieldReader;

  /** `ids`: the hasher of the ID numbers, for a table that has them. */
  constructor(
    private readonly codec: RowCodec<unknown, T>, householdCode: (place: number) => string,
    ids: IdKeyHasher | null = null,
  ) {
    this.r = new FieldReader([], householdCode, ids);
  }

  decode(batch: EncodedRows, visit: (row: T) => void): void {
    this.r.start(batch);
    for (let k = 0; k < batch.count; k++) visit(this.codec.read(this.r));
  }
}
