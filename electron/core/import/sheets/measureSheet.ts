import { classOfMeasure, type MeasureClass } from '../../../../shared/domain/measureClasses';
import type { RawRow } from '../cell';
import type { ParsedSnapshot } from '../parsedSnapshot';
import type { RowReader } from '../rowReader';
import { MEASURE_PLAIN, type MeasureColumn } from '../../columns/measureColumns';
import { readPlainValues } from '../plainValues';
import { detachString } from '../values/detachString';
import { HouseholdCodes } from './householdCodes';
import type { SheetHandler } from './sheetHandler';

/** Distinct names or contents remembered; beyond that (a malformed export) each row pays again. */
const DISTINCT_CAP = 10_000;

/** 帮扶措施: the class (domain.md) of each measure is fixed here; an unknown measure keeps its name. */
export class MeasureSheet implements SheetHandler {
  private readonly names = new Map<string, string>();
  /** classOfMeasure folds its label (NFKC, white space): once per distinct name. */
  private readonly classes = new Map<string, MeasureClass | null>();
  /** 措施内容 as pooled, by its text: a long text is copied (detachString) only the first time. */
  private readonly contents = new Map<string, string>();
  private readonly codes: HouseholdCodes;

  constructor(private readonly r: RowReader<MeasureColumn>, private readonly parsed: ParsedSnapshot) {
    this.codes = new HouseholdCodes(parsed.index);
  }

  row(raw: RawRow): void {
    const r = this.r.at(raw);
    const code = r.key('code', true);
    const year = r.year('year', false);
    const name = r.text('name');
    if (name === null) r.error('name', 'value.required', `帮扶措施第 ${raw.number} 行：「措施类别」为空。`, '帮扶措施名称');
    const measureClass = name === null ? null : this.classOf(name);
    if (name !== null && measureClass === null) {
      r.warning('name', 'measure.unknown', `帮扶措施第 ${raw.number} 行：措施“${name}”不在措施分类表中，已原样保留，不参与按措施的脱贫归因。`,
        '就业帮扶、产业帮扶、综合保障等');
    }
    const amount = r.amount('amount');
    if (code === null || name === null) return;
    this.parsed.noteYear(year);
    this.parsed.measures.push({
      householdCode: this.codes.intern(code), year, name: this.canonicalName(name), measureClass,
      content: this.content(), amount: Number.isNaN(amount) ? null : amount,
      plainValues: readPlainValues(r, MEASURE_PLAIN), sourceRow: raw.number,
    });
  }

  end(): void {}

  private classOf(name: string): MeasureClass | null {
    let c = this.classes.get(name);
    if (c === undefined) {
      c = classOfMeasure(name);
      if (this.classes.size < DISTINCT_CAP) this.classes.set(name, c);
    }
    return c;
  }

  private content(): string | null {
    const raw = this.r.rawText('content');
    if (raw === null) return null;
    let c = this.contents.get(raw);
    if (c === undefined) {
      c = this.parsed.pooled(detachString(raw)) as string;
      if (this.contents.size < DISTINCT_CAP) this.contents.set(c, c);
    }
    return c;
  }

  /** One string per distinct measure name, however many rows name it. */
  private canonicalName(name: string): string {
    let c = this.names.get(name);
    if (c === undefined) {
      c = name.normalize('NFKC').replace(/\s+/g, '');
      this.names.set(name, c);
    }
    return c;
  }
}
