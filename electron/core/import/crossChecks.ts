import { netIncomeOf, type IncomeRow } from '../db/snapshotRows';
import { parseIdNumber } from '../identity/idNumber';
import { duplicateGroups } from './idDuplicates';
import { emptyIncomeRow, fillIncomeAmounts, type IncomeRowDraft } from './incomeStore';
import type { IssueCollector } from './issueCollector';
import type { ParsedSnapshot, SheetSeen } from './parsedSnapshot';

/** Where the kind's row i was read, and how a message names that sheet (收入情况, 收入情况(2), 收入情况.csv). */
function placeOf(parsed: ParsedSnapshot, kind: SheetSeen['kind'], label: string, i?: number) {
  const at = parsed.sheetOfItem(kind, i);
  // A continuation sheet (收入情况(2)) or a CSV file named otherwise is named as it is; else the template name.
  const named = at.sheet ?? (at.file ? (at.file.split(/[\\/]/).pop() ?? at.file).replace(/\.csv$/i, '') : null);
  return { at, label: named && named !== label ? `「${named}」` : label };
}

/** "第 12 行" on the same sheet, "「收入情况」第 12 行" when the other row is on another sheet. */
function otherRow(
  parsed: ParsedSnapshot, kind: SheetSeen['kind'], label: string, here: { file: string | null; sheet: string | null },
  i: number, row: number | null,
): string {
  const { file, sheet } = here;
  const place = placeOf(parsed, kind, label, i);
  const prefix = place.at.sheet === sheet && place.at.file === file ? '' : place.label.startsWith('「') ? place.label : `「${place.label}」`;
  return `${prefix}第 ${row ?? '?'} 行`;
}

/**
 * The income row i as the writer will see it (size falls back to the household's). `into`: a row
 * to fill instead of a new one, for a pass over two million rows that only reads each once.
 */
export function incomeRowAt(
  parsed: ParsedSnapshot, i: number, householdSize: number, into?: IncomeRowDraft,
): IncomeRow {
  const s = parsed.income;
  const row = into ?? emptyIncomeRow();
  row.householdCode = parsed.index.code(s.household(i));
  row.year = s.year(i);
  row.size = s.size(i) || householdSize;
  fillIncomeAmounts(row, (k) => s.amount(i, k));
  row.sourceRow = s.sourceRow(i);
  return row;
}

/**
 * The checks that need more than one row: references to households 户信息 does not have,
 * duplicates across rows, household size against members, and the 纯收入 / 人均纯收入 given in
 * the export against the formula of domain.md (±1 元).
 */
export function crossCheck(
  parsed: ParsedSnapshot, issues: IssueCollector, givenTotals: { net: number[]; perCapita: number[] },
): void {
  const { index, households } = parsed;
  const unknown = (kind: SheetSeen['kind'], label: string, i: number, code: string, row: number | null): void => {
    // When 户信息 itself was refused, every reference would be "unknown": its own error says enough.
    if (parsed.householdsIncomplete) return;
    const place = placeOf(parsed, kind, label, i);
    issues.error('household.unknown', `${place.label}第 ${row ?? '?'} 行：户编号 ${code} 在户信息中不存在。`,
      { ...place.at, row, column: '户编号' }, code, '户信息中已有的户编号');
  };

  const members = new Int32Array(households.length);
  parsed.persons.forEach((p, i) => {
    const h = index.householdOf(index.ordinal(p.householdCode));
    if (h < 0) unknown('members', '家庭成员', i, p.householdCode, p.sourceRow);
    else members[h] = (members[h] ?? 0) + 1;
  });
  const persons = parsed.persons;
  for (const group of duplicateGroups(persons.length, (i) => (persons[i]?.idNumber ?? '').toUpperCase())) {
    const first = persons[group[0] as number];
    for (const i of group.slice(1)) {
      const p = persons[i];
      if (!p || !first) continue;
      const same = first.householdCode === p.householdCode;
      const place = placeOf(parsed, 'members', '家庭成员', i);
      const other = otherRow(parsed, 'members', '家庭成员', place.at, group[0] as number, first.sourceRow);
      issues.warning(same ? 'member.duplicate' : 'member.inTwoHouseholds',
        same
          ? `${place.label}第 ${p.sourceRow ?? '?'} 行：同一证件号码在户 ${p.householdCode} 中出现两次（另见${other}）。`
          : `${place.label}第 ${p.sourceRow ?? '?'} 行：同一人同时列在户 ${p.householdCode} 和户 ${first.householdCode}（${other}）中。`,
        { ...place.at, row: p.sourceRow, column: '证件号码' }, null, '每人只属于一户');
    }
  }

  if (parsed.hasSheet('members')) {
    households.forEach((h, i) => {
      const n = members[i] ?? 0;
      if (n !== h.size) {
        const place = placeOf(parsed, 'households', '户信息', i);
        issues.warning('household.sizeMismatch', `${place.label}第 ${h.sourceRow ?? '?'} 行：户 ${h.code} 的家庭人口数为 ${h.size}，家庭成员表中有 ${n} 人。`,
          { ...place.at, row: h.sourceRow, column: '家庭人口数' }, String(h.size), String(n));
      }
    });
  }

  households.forEach((h, i) => {
    if (h.headIdNumber && parseIdNumber(h.headIdNumber).valid === false) {
      const place = placeOf(parsed, 'households', '户信息', i);
      issues.warning('id.checksum', `${place.label}第 ${h.sourceRow ?? '?'} 行：户主证件号码的校验位或出生日期不对，可能录入有误。`,
        { ...place.at, row: h.sourceRow, column: '户主证件号码' }, null, '校验正确的身份证号');
    }
  });

  checkIncome(parsed, issues, givenTotals, unknown);
  parsed.measures.forEach((m, i) => {
    if (index.householdOf(index.ordinal(m.householdCode)) < 0) unknown('measures', '帮扶措施', i, m.householdCode, m.sourceRow);
  });
  parsed.events.forEach((e, i) => {
    if (index.householdOf(index.ordinal(e.householdCode)) < 0) unknown('events', '状态变化', i, e.householdCode, e.sourceRow);
  });
}

function checkIncome(
  parsed: ParsedSnapshot, issues: IssueCollector, given: { net: number[]; perCapita: number[] },
  unknown: (kind: SheetSeen['kind'], label: string, i: number, code: string, row: number | null) => void,
): void {
  const s = parsed.income;
  const scratch = emptyIncomeRow();
  // (household, year) keys sorted, so a duplicate is a neighbour: no set of two million keys.
  const keys = new Float64Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const ordinal = s.household(i);
    const h = parsed.index.householdOf(ordinal);
    keys[i] = ordinal * 10_000 + s.year(i);
    if (h < 0) {
      unknown('income', '收入情况', i, parsed.index.code(ordinal), s.sourceRow(i));
      continue;
    }
    const net = given.net[i] ?? NaN;
    const perCapita = given.perCapita[i] ?? NaN;
    if (Number.isNaN(net) && Number.isNaN(perCapita)) continue;
    const row = incomeRowAt(parsed, i, parsed.households[h]?.size ?? 1, scratch);
    const computed = netIncomeOf(row);
    if (!Number.isNaN(net) && Math.abs(net - computed) > 1) {
      const { at: where, label } = placeOf(parsed, 'income', '收入情况', i);
      issues.warning('income.netMismatch',
        `${label}第 ${row.sourceRow ?? '?'} 行：纯收入 ${net} 与按公式（工资性+生产经营性+财产性+转移性−生产经营性支出）算得的 ${round2(computed)} 相差超过 1 元；系统按公式计算。`,
        { ...where, row: row.sourceRow, column: '纯收入' }, String(net), String(round2(computed)));
    }
    if (!Number.isNaN(perCapita) && Math.abs(perCapita - computed / row.size) > 1) {
      const { at: where, label } = placeOf(parsed, 'income', '收入情况', i);
      issues.warning('income.perCapitaMismatch',
        `${label}第 ${row.sourceRow ?? '?'} 行：人均纯收入 ${perCapita} 与 纯收入÷家庭人口数（${round2(computed)}÷${row.size}）= ${round2(computed / row.size)} 相差超过 1 元；系统按公式计算。`,
        { ...where, row: row.sourceRow, column: '人均纯收入' }, String(perCapita), String(round2(computed / row.size)));
    }
  }
  const sorted = keys.slice().sort();
  const duplicated = new Set<number>();
  for (let k = 1; k < sorted.length; k++) if (sorted[k] === sorted[k - 1]) duplicated.add(sorted[k] as number);
  if (duplicated.size === 0) return;
  const firstItem = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const key = keys[i] as number;
    if (!duplicated.has(key)) continue;
    const first = firstItem.get(key);
    if (first === undefined) {
      firstItem.set(key, i);
      continue;
    }
    const { at: where, label } = placeOf(parsed, 'income', '收入情况', i);
    const other = otherRow(parsed, 'income', '收入情况', where, first, s.sourceRow(first));
    issues.error('income.duplicate',
      `${label}第 ${s.sourceRow(i)} 行：户 ${parsed.index.code(s.household(i))} 的 ${s.year(i)} 年收入与${other}重复。`,
      { ...where, row: s.sourceRow(i), column: '年度' }, String(s.year(i)), '每户每年一行');
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
