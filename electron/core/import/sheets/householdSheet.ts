import {
  CAUSE, ELIMINATION_METHOD, HOUSEHOLD_ATTRIBUTE, HOUSEHOLD_TYPE, HOUSING, IDENTIFICATION_STANDARD, MONITORING_CATEGORY,
  RISK, STATUS,
} from '../../../../shared/domain/codeLists';
import type { HouseholdRow } from '../../db/snapshotRows';
import type { RawRow } from '../cell';
import type { ParsedSnapshot } from '../parsedSnapshot';
import type { RowReader } from '../rowReader';
import { HOUSEHOLD_COLUMNS, HOUSEHOLD_PLAIN, type HouseholdColumn } from '../../columns/householdColumns';
import { readPlainValues } from '../plainValues';
import { detachString } from '../values/detachString';
import type { SheetHandler } from './sheetHandler';

const RISK_KEYS = ['risk1', 'risk2', 'risk3', 'risk4', 'risk5'] as const;
const CONDITIONALLY_REQUIRED = ['attribute', 'mainCause', 'identifiedYear', 'status'] as const;
const EXITED = new Set(['已脱贫（享受政策）', '已脱贫（不再享受政策）']);
/** Shared by the rows without risks or other causes (most of them): one array, not one per row. */
const NONE: readonly string[] = Object.freeze([]);
const CAUSE_SEPARATOR = /[、,，;；/]/;

function isAreaCode(text: string): boolean {
  if (text.length !== 12) return false;
  for (let i = 0; i < 12; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** 户信息: one household per row; 户编号 unique; 贫困户属性 etc. required for 脱贫户. */
export class HouseholdSheet implements SheetHandler {
  private readonly missingForRegistered = new Set<HouseholdColumn>();

  constructor(private readonly r: RowReader<HouseholdColumn>, private readonly parsed: ParsedSnapshot) {}

  row(raw: RawRow): void {
    const r = this.r.at(raw);
    const code = r.key('code', true);
    const county = this.requiredText('county');
    const township = this.requiredText('township');
    const village = this.requiredText('village');
    const type = r.code('type', HOUSEHOLD_TYPE) ?? '脱贫户';
    const registered = type === '脱贫户';
    for (const k of CONDITIONALLY_REQUIRED) if (registered && !r.has(k)) this.missingForRegistered.add(k);
    const attribute = r.code('attribute', HOUSEHOLD_ATTRIBUTE);
    const mainCause = r.code('mainCause', CAUSE);
    const status = r.code('status', STATUS);
    if (registered) {
      if (attribute === null) this.requiredForRegistered('attribute');
      if (mainCause === null) this.requiredForRegistered('mainCause');
      if (status === null) this.requiredForRegistered('status');
    }
    const identifiedYear = r.year('identifiedYear', registered && r.has('identifiedYear'));
    const size = r.count('size', 1, 10_000, 'error', true);
    const areaCode = r.keptKey('areaCode', false);
    if (areaCode !== null && !isAreaCode(areaCode)) {
      r.warning('areaCode', 'areaCode.invalid', `户信息第 ${raw.number} 行：行政区划代码应为 12 位数字，已原样保留。`, '12 位统计用区划代码');
    }
    const exitYear = r.year('exitYear', false);
    const returnYear = r.year('returnYear', false);
    const monitoringDate = r.date('monDate');
    const eliminationDate = r.date('elimDate');
    let risks: string[] | null = null;
    for (const k of RISK_KEYS) {
      const v = r.code(k, RISK);
      if (v !== null) (risks ??= []).push(v);
    }
    // Mutable until its code is the index's own string (the key read is a view into the source text).
    const row: { -readonly [P in keyof HouseholdRow]: HouseholdRow[P] } = {
      code: code ?? '',
      county: county ?? '',
      township: township ?? '',
      village: village ?? '',
      areaCode,
      poorVillage: r.yesNo('poorVillage'),
      headName: r.text('headName'),
      headIdNumber: r.keptKey('headId', false),
      size: size ?? 1,
      type,
      attribute,
      standard: r.code('standard', IDENTIFICATION_STANDARD),
      mainCause,
      otherCauses: this.otherCauses(mainCause),
      identifiedYear,
      status,
      exitYear,
      returnYear,
      returnCause: r.code('returnCause', RISK),
      relocated: r.yesNo('relocated'),
      housing: r.code('housing', HOUSING),
      safeWater: r.yesNo('safeWater'),
      monitoringCategory: r.code('monCategory', MONITORING_CATEGORY),
      monitoringDate,
      risks: risks ?? NONE,
      riskEliminated: r.yesNo('riskEliminated'),
      eliminationMethod: r.code('elimMethod', ELIMINATION_METHOD),
      eliminationDate,
      plainValues: readPlainValues(r, HOUSEHOLD_PLAIN),
      sourceRow: raw.number,
    };
    this.checkConsistency(row);
    this.parsed.noteYear(identifiedYear);
    this.parsed.noteYear(exitYear);
    this.parsed.noteYear(returnYear);
    if (monitoringDate) this.parsed.noteYear(Number(monitoringDate.slice(0, 4)));
    if (eliminationDate) this.parsed.noteYear(Number(eliminationDate.slice(0, 4)));
    if (code === null) return;
    // Each row names a new household: copied (the key read is a view into the source text) for the index to keep.
    const ordinal = this.parsed.index.ordinal(detachString(code));
    row.code = this.parsed.index.code(ordinal);
    const earlier = this.parsed.index.householdOf(ordinal);
    if (earlier >= 0) {
      const first = this.parsed.households[earlier];
      r.error('code', 'household.duplicate',
        `户信息第 ${raw.number} 行：户编号 ${row.code} 重复，第 ${first?.sourceRow ?? '?'} 行已有这一户。`, '每户一行，户编号不重复');
      return;
    }
    this.parsed.index.define(ordinal, this.parsed.households.length);
    this.parsed.households.push(row);
  }

  end(): void {
    for (const k of this.missingForRegistered) {
      this.r.error(null, 'column.required', `户信息缺少「${HEADER_OF[k]}」列：脱贫户必须填写这一项。`, HEADER_OF[k]);
    }
  }

  private requiredText(key: HouseholdColumn): string | null {
    const t = this.parsed.pooled(this.r.text(key));
    if (t === null && this.r.has(key)) {
      this.r.error(key, 'value.required', `户信息第 ${this.r.rowNumber} 行：「${HEADER_OF[key] ?? key}」为空，这一项必须填写。`, '非空文本');
    }
    return t;
  }

  private requiredForRegistered(key: HouseholdColumn): void {
    if (!this.r.has(key)) return;
    this.r.error(key, 'value.required', `户信息第 ${this.r.rowNumber} 行：脱贫户的「${HEADER_OF[key] ?? key}」为空，这一项必须填写。`, '代码表中的值');
  }

  /** Up to two, separated by 、,，;；/ and never repeating the main cause (domain.md). */
  private otherCauses(mainCause: string | null): readonly string[] {
    const t = this.r.text('otherCauses');
    if (t === null) return NONE;
    // The text is trimmed already: without a separator it is the one part (or none).
    const parts = CAUSE_SEPARATOR.test(t) ? t.split(CAUSE_SEPARATOR).map((s) => s.trim()).filter((s) => s !== '') : t === '' ? NONE : [t];
    const out: string[] = [];
    for (const p of parts) {
      const v = this.r.resolve('otherCauses', CAUSE, p);
      if (v === mainCause) {
        this.r.warning('otherCauses', 'cause.repeatsMain', `户信息第 ${this.r.rowNumber} 行：其他致贫原因“${v}”与主要致贫原因相同，已去掉。`, '不同于主要致贫原因');
      } else if (!out.includes(v)) {
        out.push(v);
      }
    }
    if (out.length > 2) {
      this.r.warning('otherCauses', 'cause.tooMany', `户信息第 ${this.r.rowNumber} 行：其他致贫原因最多两项，这里有 ${out.length} 项，已全部保留。`, '最多两项');
    }
    return out;
  }

  /** The consistency rules of domain.md that one row can answer. */
  private checkConsistency(h: HouseholdRow): void {
    const r = this.r;
    const at = `户信息第 ${h.sourceRow} 行`;
    if (h.status !== null && EXITED.has(h.status) && h.exitYear === null && r.has('status')) {
      r.warning('exitYear', 'consistency.exitYearMissing', `${at}：脱贫状态为“${h.status}”，但没有脱贫年度。`, '脱贫年度');
    }
    if (h.status === '返贫' && h.returnYear === null) {
      r.warning('returnYear', 'consistency.returnYearMissing', `${at}：脱贫状态为“返贫”，但没有返贫年度。`, '返贫年度');
    }
    if (h.returnYear !== null && h.returnCause === null && r.has('returnCause')) {
      r.warning('returnCause', 'consistency.returnCauseMissing', `${at}：有返贫年度，但没有返贫原因。`, '返贫原因（风险类型）');
    }
    if (h.identifiedYear !== null && h.exitYear !== null && h.exitYear < h.identifiedYear) {
      r.warning('exitYear', 'consistency.exitBeforeIdentified', `${at}：脱贫年度 ${h.exitYear} 早于识别年度 ${h.identifiedYear}。`, `≥ ${h.identifiedYear}`);
    }
    if (h.identifiedYear !== null && h.returnYear !== null && h.returnYear <= h.identifiedYear) {
      r.warning('returnYear', 'consistency.returnBeforeIdentified', `${at}：返贫年度 ${h.returnYear} 不晚于识别年度 ${h.identifiedYear}。`, `> ${h.identifiedYear}`);
    }
    if (h.status === '未脱贫' && h.exitYear !== null && h.returnYear === null) {
      r.warning('status', 'consistency.notExitedWithExitYear', `${at}：脱贫状态为“未脱贫”，却有脱贫年度 ${h.exitYear}。`, '已脱贫，或去掉脱贫年度');
    }
    if (h.monitoringCategory !== null && h.monitoringDate === null && r.has('monCategory')) {
      r.warning('monDate', 'consistency.monitoringDateMissing', `${at}：有监测对象类别，但没有纳入监测时间。`, '纳入监测时间');
    }
    if (h.riskEliminated === true && (h.eliminationMethod === null || h.eliminationDate === null)) {
      r.warning('elimDate', 'consistency.eliminationIncomplete', `${at}：风险已消除，但缺少消除方式或消除时间。`, '风险消除方式和风险消除时间');
    }
    if (h.monitoringDate !== null && h.eliminationDate !== null && h.eliminationDate < h.monitoringDate) {
      r.warning('elimDate', 'consistency.eliminatedBeforeMonitored', `${at}：风险消除时间早于纳入监测时间。`, `不早于 ${h.monitoringDate}`);
    }
    if (h.type === '普通农户' && h.monitoringCategory === null) {
      r.warning('monCategory', 'consistency.ordinaryNotMonitored', `${at}：普通农户应是监测对象，但没有监测对象类别。`, '监测对象类别');
    }
  }
}

const HEADER_OF = Object.fromEntries(
  HOUSEHOLD_COLUMNS.map((c) => [c.key, c.header]),
) as Record<HouseholdColumn, string>;
