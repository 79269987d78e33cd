import { EVENT_TYPE, RISK } from '../../../../shared/domain/codeLists';
import type { RawRow } from '../cell';
import type { ParsedSnapshot } from '../parsedSnapshot';
import type { RowReader } from '../rowReader';
import { EVENT_PLAIN, type EventColumn } from '../../columns/eventColumns';
import { readPlainValues } from '../plainValues';
import { HouseholdCodes } from './householdCodes';
import type { SheetHandler } from './sheetHandler';

/** 状态变化: recorded events; when this sheet is present nothing is derived. */
export class EventSheet implements SheetHandler {
  private readonly codes: HouseholdCodes;

  constructor(private readonly r: RowReader<EventColumn>, private readonly parsed: ParsedSnapshot) {
    this.codes = new HouseholdCodes(parsed.index);
  }

  row(raw: RawRow): void {
    const r = this.r.at(raw);
    const code = r.key('code', true);
    const year = r.year('year', true);
    const type = r.code('type', EVENT_TYPE);
    if (type === null) r.error('type', 'value.required', `状态变化第 ${raw.number} 行：「变化类型」为空。`, EVENT_TYPE.values.map((v) => v.label).join('、'));
    const reasonText = r.text('reason');
    // 返贫原因 uses the risk list (domain.md): fold 因灾 into 因自然灾害 like 户信息 does.
    const reason = reasonText !== null && type === '返贫' ? r.resolve('reason', RISK, reasonText) : this.parsed.pooled(reasonText);
    const date = r.date('date');
    if (code === null || year === null || type === null) return;
    this.parsed.noteYear(year);
    this.parsed.events.push({
      householdCode: this.codes.intern(code), year, type, reason, date, derived: false,
      plainValues: readPlainValues(r, EVENT_PLAIN), sourceRow: raw.number,
    });
  }

  end(): void {}
}
