import type { EventRow, HouseholdRow } from '../db/snapshotRows';
import type { IssueCollector } from './issueCollector';
import type { ParsedSnapshot } from './parsedSnapshot';

const EXITED = new Set(['已脱贫（享受政策）', '已脱贫（不再享受政策）']);

/** The last income year of each household (by index into parsed.households), 0 when none. */
function lastIncomeYears(parsed: ParsedSnapshot): Int32Array {
  const last = new Int32Array(parsed.households.length);
  const s = parsed.income;
  for (let i = 0; i < s.length; i++) {
    const h = parsed.index.householdOf(s.household(i));
    if (h >= 0 && s.year(i) > (last[h] ?? 0)) last[h] = s.year(i);
  }
  return last;
}

/**
 * Events of a snapshot without a 状态变化 sheet, read off 户信息 (import-format.md, metrics.md):
 *
 * - 识别 at 识别年度 (registered households only: a 普通农户 was never identified as poor).
 * - 脱贫 at 脱贫年度 and 返贫 at 返贫年度. With both years the order tells the story:
 *   返贫 after 脱贫 (2016 → 2018) is exit then return; 返贫 *before* 脱贫 (2018, 2019) means the
 *   household exited, returned in 2018 and exited again in 2019 — its first exit is implied but
 *   cannot be dated, so only 返贫 2018 and 脱贫 2019 are recorded and a warning says so (the
 *   household is then missing from the 返贫率 denominator of 2018: visible, not guessed).
 *   A status of 已脱贫 after 脱贫 → 返贫 likewise implies an undated re-exit (warning).
 * - 自然减少 / 清退 carry no year in 户信息. They are dated to the year after the household's last
 *   income row (the first year it was no longer on the register), capped at the as-of year; a
 *   household without income rows gets the as-of year. Each such date is reported as assumed.
 * - 纳入监测 at 纳入监测时间 (reason: the main risk) and 风险消除 at 风险消除时间 (reason: the method).
 */
export function deriveEvents(parsed: ParsedSnapshot, asOfYear: number, issues: IssueCollector): EventRow[] {
  const events: EventRow[] = [];
  const lastIncome = lastIncomeYears(parsed);
  /** The household being looked at, whose sheet a warning names. */
  let current = 0;
  const warn = (h: HouseholdRow, code: string, message: string, column: string): void => {
    const where = parsed.sheetOfItem('households', current);
    const label = where.sheet && where.sheet !== '户信息' ? `「${where.sheet}」` : '户信息';
    issues.warning(code, `${label}第 ${h.sourceRow ?? '?'} 行（户 ${h.code}）：${message}`, { ...where, row: h.sourceRow, column });
  };
  parsed.households.forEach((h, i) => {
    current = i;
    const add = (year: number, type: string, reason: string | null = null, date: string | null = null): void => {
      events.push({ householdCode: h.code, year, type, reason, date, derived: true, sourceRow: h.sourceRow });
    };
    if (h.type === '脱贫户' && h.identifiedYear !== null) add(h.identifiedYear, '识别');
    const exit = h.exitYear;
    const ret = h.returnYear;
    if (exit !== null && ret === null) {
      add(exit, '脱贫');
    } else if (exit === null && ret !== null) {
      add(ret, '返贫', h.returnCause);
      warn(h, 'events.exitUndated', `有返贫年度 ${ret} 但没有脱贫年度：返贫前的脱贫年度不详，只记返贫。`, '脱贫年度');
    } else if (exit !== null && ret !== null) {
      if (ret > exit) {
        add(exit, '脱贫');
        add(ret, '返贫', h.returnCause);
        if (h.status !== null && EXITED.has(h.status)) {
          warn(h, 'events.reexitUndated', `${exit} 年脱贫、${ret} 年返贫，现状态为“${h.status}”：再次脱贫的年度不详，未记。`, '脱贫状态');
        }
      } else if (ret < exit) {
        add(ret, '返贫', h.returnCause);
        add(exit, '脱贫');
        warn(h, 'events.exitUndated', `返贫年度 ${ret} 早于脱贫年度 ${exit}：视为 ${exit} 年再次脱贫；${ret} 年返贫之前那次脱贫的年度不详，未记。`, '返贫年度');
      } else {
        add(exit, '脱贫');
        add(ret, '返贫', h.returnCause);
        warn(h, 'events.sameYear', `脱贫年度与返贫年度同为 ${exit} 年，先后次序不详，两件都记在这一年。`, '返贫年度');
      }
    }
    if (h.status === '自然减少' || h.status === '清退') {
      const last = lastIncome[i] ?? 0;
      const year = last > 0 ? Math.min(last + 1, asOfYear) : asOfYear;
      add(year, h.status);
      warn(h, 'events.removalYearAssumed',
        `状态为“${h.status}”但没有变动年度，按${last > 0 ? `最后一条收入记录（${last} 年）的次年` : '数据截止年'}记为 ${year} 年。`, '脱贫状态');
    }
    if (h.monitoringCategory !== null && h.monitoringDate !== null) {
      add(Number(h.monitoringDate.slice(0, 4)), '纳入监测', h.risks[0] ?? null, h.monitoringDate);
    }
    if (h.riskEliminated === true && h.eliminationDate !== null) {
      add(Number(h.eliminationDate.slice(0, 4)), '风险消除', h.eliminationMethod, h.eliminationDate);
    }
  });
  return events;
}
