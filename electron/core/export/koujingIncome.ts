/**
 * koujing.sql, income part: the income section of metrics.md over every partition of the folder.
 * Rows with county_code NULL are the folder's total (GROUPING SETS), computed from the pooled rows.
 */
export const KOUJING_INCOME = `
-- ── 收入 ──────────────────────────────────────────────────────────────────────────────
-- 人均纯收入(Y) = Σ纯收入 ÷ Σ人口 over the year's income rows (人口 = the size on that year's row):
-- a person-weighted mean, never an average of averages. Blank amounts count as 0. The sources are
-- per capita over the same persons: 净经营性 = Σ生产经营性收入 − Σ生产经营性支出, 兜底性 = Σ低保金 +
-- Σ特困供养金 (inside 转移性). county_code NULL = the total over every county of the folder.
CREATE OR REPLACE VIEW koujing_income_by_year AS
SELECT county_code, as_of, year,
       CASE WHEN GROUPING(county_code) = 1 THEN 'total' ELSE 'county' END AS scope,
       COUNT(*) AS households,
       SUM(size) AS persons,
       SUM(net) AS net_income,
       SUM(net) / NULLIF(CAST(SUM(size) AS DOUBLE), 0) AS per_capita,
       COALESCE(SUM(wage), 0) / NULLIF(CAST(SUM(size) AS DOUBLE), 0) AS wage,
       (COALESCE(SUM(business), 0) - COALESCE(SUM(business_cost), 0)) / NULLIF(CAST(SUM(size) AS DOUBLE), 0) AS net_business,
       COALESCE(SUM(property), 0) / NULLIF(CAST(SUM(size) AS DOUBLE), 0) AS property,
       COALESCE(SUM(transfer), 0) / NULLIF(CAST(SUM(size) AS DOUBLE), 0) AS transfer,
       (COALESCE(SUM(dibao), 0) + COALESCE(SUM(tekun), 0)) / NULLIF(CAST(SUM(size) AS DOUBLE), 0) AS support
FROM income
GROUP BY GROUPING SETS ((county_code, as_of, year), (year));

-- 人均纯收入中位数: the smallest 人均纯收入 v such that the persons of the households with 人均纯收入 ≤ v
-- are at least half of all persons (person-weighted). RANGE frame: ties count together.
CREATE OR REPLACE VIEW koujing_income_median AS
WITH ranked AS (
  SELECT county_code, as_of, year, per_capita,
         SUM(size) OVER (PARTITION BY county_code, as_of, year ORDER BY per_capita
                         RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS below,
         SUM(size) OVER (PARTITION BY county_code, as_of, year) AS total
  FROM income),
pooled AS (
  SELECT year, per_capita,
         SUM(size) OVER (PARTITION BY year ORDER BY per_capita RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS below,
         SUM(size) OVER (PARTITION BY year) AS total
  FROM income)
SELECT county_code, as_of, year, 'county' AS scope, MIN(per_capita) AS median_per_capita
FROM ranked WHERE 2 * below >= total GROUP BY county_code, as_of, year
UNION ALL
SELECT CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), year, 'total', MIN(per_capita)
FROM pooled WHERE 2 * below >= total GROUP BY year;

-- 年均增长 = (G(Y1) ÷ G(Y0))^(1/(Y1−Y0)) − 1 over the first and last income year (cross-section);
-- NULL when there is one year only or a figure is not positive.
CREATE OR REPLACE VIEW koujing_income_cagr AS
WITH span AS (
  SELECT county_code, as_of, scope, MIN(year) AS year_from, MAX(year) AS year_to
  FROM koujing_income_by_year GROUP BY county_code, as_of, scope)
SELECT s.county_code, s.as_of, s.scope, s.year_from, s.year_to,
       CASE WHEN s.year_to > s.year_from AND g0.per_capita > 0 AND g1.per_capita > 0
            THEN POWER(g1.per_capita / g0.per_capita, CAST(1 AS DOUBLE) / (s.year_to - s.year_from)) - 1 END AS cagr
FROM span s
JOIN koujing_income_by_year g0 ON g0.county_code IS NOT DISTINCT FROM s.county_code
  AND g0.as_of IS NOT DISTINCT FROM s.as_of AND g0.year = s.year_from
JOIN koujing_income_by_year g1 ON g1.county_code IS NOT DISTINCT FROM s.county_code
  AND g1.as_of IS NOT DISTINCT FROM s.as_of AND g1.year = s.year_to;

-- 平衡面板年均增长 (per county): only the households with an income row in every income year of
-- their county's snapshot, G over them in the first and last year.
CREATE OR REPLACE VIEW koujing_income_panel_cagr AS
WITH years AS (
  SELECT county_code, as_of, COUNT(DISTINCT year) AS n, MIN(year) AS year_from, MAX(year) AS year_to
  FROM income GROUP BY county_code, as_of),
rows_per_household AS (
  SELECT county_code, as_of, household_id, COUNT(*) AS n FROM income GROUP BY county_code, as_of, household_id),
ends AS (
  SELECT y.county_code, y.as_of, y.year_from, y.year_to,
         COUNT(DISTINCT i.household_id) AS households,
         SUM(CASE WHEN i.year = y.year_from THEN i.net END) AS net0,
         SUM(CASE WHEN i.year = y.year_from THEN i.size END) AS persons0,
         SUM(CASE WHEN i.year = y.year_to THEN i.net END) AS net1,
         SUM(CASE WHEN i.year = y.year_to THEN i.size END) AS persons1
  FROM years y
  JOIN rows_per_household r ON r.county_code = y.county_code AND r.as_of = y.as_of AND r.n = y.n
  JOIN income i ON i.county_code = r.county_code AND i.as_of = r.as_of AND i.household_id = r.household_id
  GROUP BY y.county_code, y.as_of, y.year_from, y.year_to)
SELECT county_code, as_of, year_from, year_to, households,
       CASE WHEN year_to > year_from AND net0 > 0 AND net1 > 0
            THEN POWER((net1 / persons1) / (net0 / persons0), CAST(1 AS DOUBLE) / (year_to - year_from)) - 1 END AS cagr
FROM ends;
`;
