import { HOUSEHOLD_ATTRIBUTE, LABOUR_WITH_CAPACITY } from '../../../shared/domain/codeLists';
import { sqlList } from './sqlText';

const SUPPORT_ATTRIBUTES = HOUSEHOLD_ATTRIBUTE.values.filter((v) => v.key === 'attr.dibao' || v.key === 'attr.tekun').map((v) => v.label);

/**
 * koujing.sql, exits and returns: the attribution rules of exitRules.ts and the 返贫率 of returns.ts
 * in SQL. The income method's steps are those of metrics.md, in order.
 */
export function koujingExits(): string {
  return `
-- ── 脱贫与脱贫方式 ─────────────────────────────────────────────────────────────────────
-- One row per 脱贫 event (a household that exits, returns and exits again has two). 人口 = the
-- household's current 家庭人口数. L = the line in use for the exit year (line.line: 贫困线, from 2021
-- the monitoring threshold). Income method, in order:
--   1. no income row for the exit year → 无收入记录;
--   2. 人均纯收入 < L → 收入未达线;
--   3. (纯收入 − 低保金 − 特困供养金) ÷ 人口 < L → 兜底保障;
--   4. the largest of 工资性 (就业), 净经营性 (产业), 财产性 (资产收益), 转移性 − 低保金 − 特困供养金
--      (其他转移); ties go to the earlier one. Without a line for the year, steps 2 and 3 are skipped.
-- Structural method: 低保贫困户 / 特困供养贫困户, or no member with labour capacity → 兜底保障; else 开发式.
CREATE OR REPLACE VIEW koujing_exit_event AS
WITH labour AS (
  SELECT county_code, as_of, household_id FROM person
  WHERE labour IN (${sqlList(LABOUR_WITH_CAPACITY)})
  GROUP BY county_code, as_of, household_id),
exits AS (
  SELECT e.county_code, e.as_of, e.id AS event_id, e.household_id, e.year, h.size AS persons, h.attribute,
         CASE WHEN ROW_NUMBER() OVER (PARTITION BY e.county_code, e.as_of, e.household_id, e.year ORDER BY e.id) = 1
              THEN 1 ELSE 0 END AS first_in_year,
         CASE WHEN lb.household_id IS NULL THEN 0 ELSE 1 END AS has_labour,
         l.line,
         CASE WHEN i.household_id IS NULL THEN 0 ELSE 1 END AS has_income,
         i.size AS income_size, i.net, i.per_capita,
         COALESCE(i.wage, 0) AS wage,
         COALESCE(i.business, 0) - COALESCE(i.business_cost, 0) AS net_business,
         COALESCE(i.property, 0) AS property,
         COALESCE(i.transfer, 0) - COALESCE(i.dibao, 0) - COALESCE(i.tekun, 0) AS other_transfer,
         COALESCE(i.dibao, 0) AS dibao, COALESCE(i.tekun, 0) AS tekun
  FROM event e
  JOIN household h ON h.county_code = e.county_code AND h.as_of = e.as_of AND h.id = e.household_id
  LEFT JOIN income i ON i.county_code = e.county_code AND i.as_of = e.as_of AND i.household_id = e.household_id
    AND i.year = e.year
  LEFT JOIN line l ON l.county_code = e.county_code AND l.as_of = e.as_of AND l.year = e.year
  LEFT JOIN labour lb ON lb.county_code = e.county_code AND lb.as_of = e.as_of AND lb.household_id = e.household_id
  WHERE e.type = '脱贫')
SELECT county_code, as_of, event_id, household_id, year, persons, first_in_year, line,
       CASE
         WHEN has_income = 0 THEN '无收入记录'
         WHEN line IS NOT NULL AND per_capita < line THEN '收入未达线'
         WHEN line IS NOT NULL AND (net - dibao - tekun) / income_size < line THEN '兜底保障'
         WHEN wage >= net_business AND wage >= property AND wage >= other_transfer THEN '就业'
         WHEN net_business >= property AND net_business >= other_transfer THEN '产业'
         WHEN property >= other_transfer THEN '资产收益'
         ELSE '其他转移'
       END AS income_method,
       CASE WHEN attribute IN (${sqlList(SUPPORT_ATTRIBUTES)}) OR has_labour = 0 THEN '兜底保障' ELSE '开发式' END
         AS structural_method
FROM exits;

-- Exits by year: distinct households (their first exit event in the year) and their persons.
CREATE OR REPLACE VIEW koujing_exits_by_year AS
SELECT county_code, as_of, year, CASE WHEN GROUPING(county_code) = 1 THEN 'total' ELSE 'county' END AS scope,
       SUM(first_in_year) AS households, SUM(first_in_year * persons) AS persons, COUNT(*) AS events
FROM koujing_exit_event
GROUP BY GROUPING SETS ((county_code, as_of, year), (year));

-- Attribution over every exit event of the folder's years: households = 户次, share = the method's
-- persons ÷ all exit persons (persons of exit events).
CREATE OR REPLACE VIEW koujing_exit_attribution AS
WITH by_method AS (
  SELECT county_code, as_of, 'income' AS method, income_method AS category, COUNT(*) AS households, SUM(persons) AS persons
  FROM koujing_exit_event GROUP BY GROUPING SETS ((county_code, as_of, income_method), (income_method))
  UNION ALL
  SELECT county_code, as_of, 'structural', structural_method, COUNT(*), SUM(persons)
  FROM koujing_exit_event GROUP BY GROUPING SETS ((county_code, as_of, structural_method), (structural_method))),
totals AS (
  SELECT county_code, as_of, COUNT(*) AS events, SUM(persons) AS persons
  FROM koujing_exit_event GROUP BY GROUPING SETS ((county_code, as_of), ()))
SELECT b.county_code, b.as_of, CASE WHEN b.county_code IS NULL THEN 'total' ELSE 'county' END AS scope,
       b.method, b.category, b.households, b.persons,
       CAST(b.persons AS DOUBLE) / NULLIF(t.persons, 0) AS share,
       CAST(b.households AS DOUBLE) / NULLIF(t.events, 0) AS household_share
FROM by_method b
JOIN totals t ON t.county_code IS NOT DISTINCT FROM b.county_code AND t.as_of IS NOT DISTINCT FROM b.as_of;

-- ── 返贫 ───────────────────────────────────────────────────────────────────────────────
-- One case per household and year with a 返贫 event; its cause is the first event's 原因, else the
-- household's 返贫原因, folded to the code list's label (code_label), blank → 未填写.
-- 返贫率(Y) = persons returned in Y ÷ persons of the households whose first 脱贫 event is in Y−1 or
-- before (the same denominator for every cause). 人口 = current 家庭人口数.
CREATE OR REPLACE VIEW koujing_return_case AS
WITH ranked AS (
  SELECT e.county_code, e.as_of, e.household_id, e.year, h.size AS persons,
         COALESCE(NULLIF(TRIM(e.reason), ''), NULLIF(TRIM(h.return_cause), '')) AS raw_cause,
         ROW_NUMBER() OVER (PARTITION BY e.county_code, e.as_of, e.household_id, e.year ORDER BY e.id) AS k
  FROM event e
  JOIN household h ON h.county_code = e.county_code AND h.as_of = e.as_of AND h.id = e.household_id
  WHERE e.type = '返贫')
SELECT r.county_code, r.as_of, r.household_id, r.year, r.persons, COALESCE(c.label, r.raw_cause, '未填写') AS cause
FROM ranked r
LEFT JOIN code_label c ON c.county_code = r.county_code AND c.as_of = r.as_of AND c.field = 'risk' AND c.raw = r.raw_cause
WHERE r.k = 1;

-- The years of 返贫率: from the year after a county's first 脱贫 to its 截至 year (as_of) or its
-- last return, whichever is later, plus any year with a return. A year without a return is a
-- 0 % year with its denominator, not a missing row. The total lists every year of any county.
CREATE OR REPLACE VIEW koujing_returns_by_year AS
WITH RECURSIVE
first_exit AS (
  SELECT e.county_code, e.as_of, e.household_id, MIN(e.year) AS first_year, MIN(h.size) AS persons
  FROM event e
  JOIN household h ON h.county_code = e.county_code AND h.as_of = e.as_of AND h.id = e.household_id
  WHERE e.type = '脱贫' GROUP BY e.county_code, e.as_of, e.household_id),
ends AS (
  SELECT county_code, as_of, CAST(SUBSTRING(as_of FROM 1 FOR 4) AS INTEGER) AS year FROM snapshot
  UNION ALL
  SELECT county_code, as_of, year FROM koujing_return_case),
spans AS (
  SELECT f.county_code, f.as_of, MIN(f.first_year) + 1 AS year_from,
         (SELECT MAX(x.year) FROM ends x WHERE x.county_code = f.county_code AND x.as_of = f.as_of) AS year_to
  FROM first_exit f GROUP BY f.county_code, f.as_of),
calendar (county_code, as_of, year, year_to) AS (
  SELECT county_code, as_of, year_from, year_to FROM spans WHERE year_from <= year_to
  UNION ALL
  SELECT county_code, as_of, year + 1, year_to FROM calendar WHERE year < year_to),
county_years AS (
  SELECT county_code, as_of, year FROM calendar
  UNION
  SELECT county_code, as_of, year FROM koujing_return_case),
years AS (
  SELECT county_code, as_of, year, 'county' AS scope FROM county_years
  UNION ALL
  SELECT DISTINCT CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), year, 'total' FROM county_years),
cases AS (
  SELECT county_code, as_of, year, 'county' AS scope, cause, COUNT(*) AS households, SUM(persons) AS persons
  FROM koujing_return_case GROUP BY county_code, as_of, year, cause
  UNION ALL
  SELECT CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), year, 'total', cause, COUNT(*), SUM(persons)
  FROM koujing_return_case GROUP BY year, cause),
denominators AS (
  SELECT y.county_code, y.as_of, y.year, y.scope, COUNT(f.household_id) AS households,
         COALESCE(SUM(f.persons), 0) AS persons
  FROM years y
  LEFT JOIN first_exit f ON f.first_year <= y.year - 1
    AND (y.scope = 'total' OR (f.county_code = y.county_code AND f.as_of = y.as_of))
  GROUP BY y.county_code, y.as_of, y.year, y.scope),
by_year AS (
  SELECT y.county_code, y.as_of, y.year, y.scope, CAST(NULL AS VARCHAR) AS cause,
         COALESCE(SUM(c.households), 0) AS households, COALESCE(SUM(c.persons), 0) AS persons
  FROM years y
  LEFT JOIN cases c ON c.scope = y.scope AND c.year = y.year
    AND c.county_code IS NOT DISTINCT FROM y.county_code AND c.as_of IS NOT DISTINCT FROM y.as_of
  GROUP BY y.county_code, y.as_of, y.year, y.scope
  UNION ALL
  SELECT county_code, as_of, year, scope, cause, households, persons FROM cases)
SELECT b.county_code, b.as_of, b.year, b.scope, b.cause, b.households, b.persons,
       d.households AS denominator_households, d.persons AS denominator_persons,
       CAST(b.persons AS DOUBLE) / NULLIF(d.persons, 0) AS rate
FROM by_year b
JOIN denominators d ON d.scope = b.scope AND d.year = b.year
  AND d.county_code IS NOT DISTINCT FROM b.county_code AND d.as_of IS NOT DISTINCT FROM b.as_of;
`;
}
