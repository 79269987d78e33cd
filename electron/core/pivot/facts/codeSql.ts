import { AGE_GROUPS, dateParts } from '../../../../shared/semantic/ageGroups';

/** An SQL expression and the values of its `?` placeholders, in the order they appear. */
export interface BoundSql {
  readonly sql: string;
  readonly params: readonly (string | number)[];
}

/** Joins expressions with `, `, their parameters kept in text order. */
export function joinSql(parts: readonly BoundSql[]): BoundSql {
  return { sql: parts.map((p) => p.sql).join(', '), params: parts.flatMap((p) => p.params) };
}

/** Dictionaries longer than this are coded by pivot_code: a CASE tries its labels one after another. */
const CASE_LABELS_MAX = 16;

/**
 * A text expression coded as its position in a dimension's labels, NULL for a value not among them
 * (as CodeMaps.code). A short dictionary becomes a CASE with the labels bound, evaluated inside
 * SQLite: on the large county that is a third of the time of calling pivot_code back in
 * JavaScript for every value; a long one (villages) calls pivot_code, which must be registered.
 */
export function codeSql(dimension: string, expr: string, labels: readonly string[]): BoundSql {
  if (labels.length > CASE_LABELS_MAX) return { sql: `pivot_code(?, ${expr})`, params: [dimension] };
  if (labels.length === 0) return { sql: 'NULL', params: [] };
  return { sql: `CASE ${expr} ${labels.map((_, i) => `WHEN ? THEN ${i}`).join(' ')} END`, params: [...labels] };
}

const FULL_DATE = `'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'`;
const YEAR_MONTH = `'[0-9][0-9][0-9][0-9]-[0-9][0-9]*'`;

/** YYYY-MM-DD of the day `years` full years before (y, m, d); '' when before year 0 (no date is before it). */
function yearsBefore(years: number, [y, m, d]: readonly [number, number, number]): string {
  const year = y - years;
  if (year < 0) return '';
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The AGE_GROUPS index of a birth-date column on the as-of date, computed in SQL with exactly the
 * result of ageGroupIndex(ageOn(birth, asOf)): a member is N or older when the birth date, read as
 * (year, month, day) the way ageOn reads it (YYYY-MM-DD…, or YYYY-MM… as the first of the month), is
 * not after the day N years before the as-of date. Both are compared as zero-padded YYYY-MM-DD
 * text, whose order is that of the dates; anything else (blank, unreadable, not text) is NULL.
 */
export function ageGroupSql(birth: string, asOf: string): BoundSql {
  const on = dateParts(asOf);
  // ageOn reads no age when the as-of date is unreadable.
  if (!on) return { sql: 'NULL', params: [] };
  const ladder = (key: string): BoundSql => {
    const whens = AGE_GROUPS.map((g, i) => (g.to === null
      ? { sql: `WHEN ${key} <= ? THEN ${i}`, params: [yearsBefore(g.from, on)] }
      : { sql: `WHEN ${key} <= ? AND ${key} > ? THEN ${i}`, params: [yearsBefore(g.from, on), yearsBefore(g.to + 1, on)] }));
    return { sql: `CASE ${whens.map((w) => w.sql).join(' ')} END`, params: whens.flatMap((w) => w.params) };
  };
  const full = ladder(`substr(${birth}, 1, 10)`);
  const month = ladder(`(substr(${birth}, 1, 7) || '-01')`);
  return {
    sql: `CASE WHEN typeof(${birth}) <> 'text' THEN NULL WHEN ${birth} GLOB ${FULL_DATE} THEN ${full.sql}
      WHEN ${birth} GLOB ${YEAR_MONTH} THEN ${month.sql} END`,
    params: [...full.params, ...month.params],
  };
}
