import { FLOW_EVENT_TYPES } from '../metrics/flowLedger';
import { sqlList } from './sqlText';

/** Whether an event of the picked type fits the state (flowLedger.ts's step() without a problem). */
const FITS = {
  识别: `state IN ('out', 'gone')`,
  返贫: `state = 'exited'`,
  脱贫: `state = 'in'`,
  自然减少: `(state <> 'out' OR ordinary = 1)`,
  清退: `(state <> 'out' OR ordinary = 1)`,
} as const;

const COUNT_OF = { 识别: 'n1', 返贫: 'n2', 脱贫: 'n3', 自然减少: 'n4', 清退: 'n5' } as const;

/** The next event of a household's year: the first type (识别, 返贫, 脱贫, 自然减少, 清退) that fits, else the first left. */
function pickSql(): string {
  const fitting = FLOW_EVENT_TYPES.map((t) => `WHEN ${COUNT_OF[t]} > 0 AND ${FITS[t]} THEN '${t}'`).join(' ');
  const any = FLOW_EVENT_TYPES.map((t) => `WHEN ${COUNT_OF[t]} > 0 THEN '${t}'`).join(' ');
  return `CASE ${fitting} ${any} END`;
}

function decrement(n: keyof typeof COUNT_OF): string {
  return `CASE WHEN w.pick = '${n}' THEN w.${COUNT_OF[n]} - 1 ELSE w.${COUNT_OF[n]} END`;
}

/**
 * koujing.sql, monitoring and the stock-and-flow ledger. The ledger is flowLedger.ts's state
 * machine run by a recursive query: each household's flow events year by year, inside a year the
 * first event (in the order 识别, 返贫, 脱贫, 自然减少, 清退) that fits the household's state.
 */
export function koujingFlows(): string {
  return `
-- ── 防返贫监测 ─────────────────────────────────────────────────────────────────────────
-- Households with a 监测对象类别 (the snapshot's record); 人口 = current 家庭人口数. Categories and
-- risks folded to the code list's labels (code_label). Each household counts once per risk.
-- 风险消除率 = households with 风险已消除 ÷ monitored households.
CREATE OR REPLACE VIEW koujing_monitoring_household AS
SELECT h.county_code, h.as_of, h.id AS household_id, h.size AS persons, COALESCE(c.label, h.mon_category) AS category,
       CASE WHEN h.risk_eliminated = 1 THEN 1 ELSE 0 END AS eliminated,
       h.risk1, h.risk2, h.risk3, h.risk4, h.risk5
FROM household h
LEFT JOIN code_label c ON c.county_code = h.county_code AND c.as_of = h.as_of AND c.field = 'monitoringCategory'
  AND c.raw = h.mon_category
WHERE h.mon_category IS NOT NULL AND TRIM(h.mon_category) <> '';

CREATE OR REPLACE VIEW koujing_monitoring_by_category AS
SELECT county_code, as_of, CASE WHEN GROUPING(county_code) = 1 THEN 'total' ELSE 'county' END AS scope,
       category, COUNT(*) AS households, SUM(persons) AS persons
FROM koujing_monitoring_household
GROUP BY GROUPING SETS ((county_code, as_of, category), (category));

CREATE OR REPLACE VIEW koujing_monitoring_by_risk AS
WITH risks AS (
  SELECT county_code, as_of, household_id, risk1 AS raw FROM koujing_monitoring_household
  UNION ALL SELECT county_code, as_of, household_id, risk2 FROM koujing_monitoring_household
  UNION ALL SELECT county_code, as_of, household_id, risk3 FROM koujing_monitoring_household
  UNION ALL SELECT county_code, as_of, household_id, risk4 FROM koujing_monitoring_household
  UNION ALL SELECT county_code, as_of, household_id, risk5 FROM koujing_monitoring_household),
labelled AS (
  SELECT DISTINCT r.county_code, r.as_of, r.household_id, COALESCE(c.label, TRIM(r.raw)) AS risk
  FROM risks r
  LEFT JOIN code_label c ON c.county_code = r.county_code AND c.as_of = r.as_of AND c.field = 'risk' AND c.raw = r.raw
  WHERE r.raw IS NOT NULL AND TRIM(r.raw) <> '')
SELECT county_code, as_of, CASE WHEN GROUPING(county_code) = 1 THEN 'total' ELSE 'county' END AS scope,
       risk, COUNT(*) AS households
FROM labelled
GROUP BY GROUPING SETS ((county_code, as_of, risk), (risk));

CREATE OR REPLACE VIEW koujing_monitoring_eliminated AS
SELECT county_code, as_of, CASE WHEN GROUPING(county_code) = 1 THEN 'total' ELSE 'county' END AS scope,
       COUNT(*) AS households, SUM(persons) AS persons, SUM(eliminated) AS eliminated,
       CAST(SUM(eliminated) AS DOUBLE) / NULLIF(COUNT(*), 0) AS rate
FROM koujing_monitoring_household
GROUP BY GROUPING SETS ((county_code, as_of), ());

-- ── 动态调整 ───────────────────────────────────────────────────────────────────────────
-- 年初未脱贫 + 新识别 + 返贫 − 脱贫 − 自然减少 − 清退 = 年末未脱贫, in households and persons.
-- States: out (not yet identified), in (unexited stock), exited, gone. An event that does not fit
-- the state (a 脱贫 of a household not in the stock …) is counted but moves nothing: its gap (+1 for
-- an inflow, −1 for an outflow) is what breaks the identity. 自然减少 / 清退 of an exited or gone
-- household, or of a 普通农户, is not a flow. Engine note: WITH RECURSIVE (DuckDB, Trino,
-- PostgreSQL; Spark SQL from 4.1).
CREATE OR REPLACE VIEW koujing_flow_event AS
WITH RECURSIVE
counts AS (
  SELECT e.county_code, e.as_of, e.household_id, e.year,
         SUM(CASE WHEN e.type = '识别' THEN 1 ELSE 0 END) AS n1,
         SUM(CASE WHEN e.type = '返贫' THEN 1 ELSE 0 END) AS n2,
         SUM(CASE WHEN e.type = '脱贫' THEN 1 ELSE 0 END) AS n3,
         SUM(CASE WHEN e.type = '自然减少' THEN 1 ELSE 0 END) AS n4,
         SUM(CASE WHEN e.type = '清退' THEN 1 ELSE 0 END) AS n5
  FROM event e WHERE e.type IN (${sqlList(FLOW_EVENT_TYPES)})
  GROUP BY e.county_code, e.as_of, e.household_id, e.year),
years AS (
  SELECT c.*, h.size AS persons, CASE WHEN h.type = '普通农户' THEN 1 ELSE 0 END AS ordinary,
         ROW_NUMBER() OVER (PARTITION BY c.county_code, c.as_of, c.household_id ORDER BY c.year) AS r
  FROM counts c JOIN household h ON h.county_code = c.county_code AND h.as_of = c.as_of AND h.id = c.household_id),
walk (county_code, as_of, household_id, persons, ordinary, r, year, n1, n2, n3, n4, n5, state, prior, event_type) AS (
  SELECT county_code, as_of, household_id, persons, ordinary, r, year, n1, n2, n3, n4, n5,
         CAST('out' AS VARCHAR), CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR)
  FROM years WHERE r = 1
  UNION ALL
  SELECT w.county_code, w.as_of, w.household_id, w.persons, w.ordinary,
         CASE WHEN w.pick IS NULL THEN nx.r ELSE w.r END,
         CASE WHEN w.pick IS NULL THEN nx.year ELSE w.year END,
         CASE WHEN w.pick IS NULL THEN nx.n1 ELSE ${decrement('识别')} END,
         CASE WHEN w.pick IS NULL THEN nx.n2 ELSE ${decrement('返贫')} END,
         CASE WHEN w.pick IS NULL THEN nx.n3 ELSE ${decrement('脱贫')} END,
         CASE WHEN w.pick IS NULL THEN nx.n4 ELSE ${decrement('自然减少')} END,
         CASE WHEN w.pick IS NULL THEN nx.n5 ELSE ${decrement('清退')} END,
         CASE
           WHEN w.pick IS NULL THEN w.state
           WHEN w.pick = '识别' THEN CASE WHEN w.state IN ('out', 'gone') THEN 'in' ELSE w.state END
           WHEN w.pick = '返贫' THEN CASE WHEN w.state = 'exited' THEN 'in' ELSE w.state END
           WHEN w.pick = '脱贫' THEN CASE WHEN w.state = 'in' THEN 'exited' ELSE w.state END
           ELSE 'gone'
         END,
         w.state,
         w.pick
  FROM (SELECT walk.*, ${pickSql()} AS pick FROM walk) w
  LEFT JOIN years nx ON w.pick IS NULL AND nx.county_code = w.county_code AND nx.as_of = w.as_of
    AND nx.household_id = w.household_id AND nx.r = w.r + 1
  WHERE w.pick IS NOT NULL OR nx.household_id IS NOT NULL),
classified AS (
  SELECT county_code, as_of, household_id, year, persons, event_type,
         CASE event_type
           WHEN '识别' THEN 'identified' WHEN '返贫' THEN 'returned' WHEN '脱贫' THEN 'exited'
           ELSE CASE WHEN prior = 'in' THEN (CASE WHEN event_type = '自然减少' THEN 'naturalDecrease' ELSE 'removed' END)
                     WHEN prior IN ('exited', 'gone') OR ordinary = 1 THEN NULL
                     ELSE (CASE WHEN event_type = '自然减少' THEN 'naturalDecrease' ELSE 'removed' END) END
         END AS kind,
         CASE
           WHEN event_type = '识别' THEN CASE WHEN prior IN ('out', 'gone') THEN 0 ELSE 1 END
           WHEN event_type = '返贫' THEN CASE WHEN prior = 'exited' THEN 0 ELSE 1 END
           WHEN event_type = '脱贫' THEN CASE WHEN prior = 'in' THEN 0 ELSE -1 END
           ELSE CASE WHEN prior = 'out' AND ordinary = 0 THEN -1 ELSE 0 END
         END AS gap
  FROM walk WHERE event_type IS NOT NULL)
SELECT county_code, as_of, household_id, year, event_type, kind, persons, gap FROM classified WHERE kind IS NOT NULL;

-- The yearly table from the first to the last year of any flow event; 年末 = 年初 + flows − gap,
-- the next 年初 = this 年末. county_code NULL = the folder's total, over the span of all counties.
CREATE OR REPLACE VIEW koujing_flows AS
WITH RECURSIVE
spans AS (
  SELECT county_code, as_of, MIN(year) AS year_from, MAX(year) AS year_to FROM event
  WHERE type IN (${sqlList(FLOW_EVENT_TYPES)}) GROUP BY county_code, as_of),
scopes AS (
  SELECT county_code, as_of, 'county' AS scope, year_from, year_to FROM spans
  UNION ALL
  SELECT CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), 'total', MIN(year_from), MAX(year_to) FROM spans),
calendar (county_code, as_of, scope, year, year_to) AS (
  SELECT county_code, as_of, scope, year_from, year_to FROM scopes WHERE year_from IS NOT NULL
  UNION ALL
  SELECT county_code, as_of, scope, year + 1, year_to FROM calendar WHERE year < year_to),
flows AS (
  SELECT county_code, as_of, year, kind, COUNT(*) AS households, SUM(persons) AS persons,
         SUM(gap) AS gap_households, SUM(gap * persons) AS gap_persons
  FROM koujing_flow_event GROUP BY GROUPING SETS ((county_code, as_of, year, kind), (year, kind))),
by_year AS (
  SELECT c.county_code, c.as_of, c.scope, c.year,
         COALESCE(SUM(CASE WHEN f.kind = 'identified' THEN f.households END), 0) AS identified_h,
         COALESCE(SUM(CASE WHEN f.kind = 'returned' THEN f.households END), 0) AS returned_h,
         COALESCE(SUM(CASE WHEN f.kind = 'exited' THEN f.households END), 0) AS exited_h,
         COALESCE(SUM(CASE WHEN f.kind = 'naturalDecrease' THEN f.households END), 0) AS natural_h,
         COALESCE(SUM(CASE WHEN f.kind = 'removed' THEN f.households END), 0) AS removed_h,
         COALESCE(SUM(f.gap_households), 0) AS gap_h,
         COALESCE(SUM(CASE WHEN f.kind = 'identified' THEN f.persons END), 0) AS identified_p,
         COALESCE(SUM(CASE WHEN f.kind = 'returned' THEN f.persons END), 0) AS returned_p,
         COALESCE(SUM(CASE WHEN f.kind = 'exited' THEN f.persons END), 0) AS exited_p,
         COALESCE(SUM(CASE WHEN f.kind = 'naturalDecrease' THEN f.persons END), 0) AS natural_p,
         COALESCE(SUM(CASE WHEN f.kind = 'removed' THEN f.persons END), 0) AS removed_p,
         COALESCE(SUM(f.gap_persons), 0) AS gap_p
  FROM calendar c
  LEFT JOIN flows f ON f.year = c.year AND f.county_code IS NOT DISTINCT FROM c.county_code
    AND f.as_of IS NOT DISTINCT FROM c.as_of
  GROUP BY c.county_code, c.as_of, c.scope, c.year),
units AS (
  SELECT county_code, as_of, scope, year, 'households' AS unit, identified_h AS identified, returned_h AS returned,
         exited_h AS exited, natural_h AS natural_decrease, removed_h AS removed, gap_h AS gap FROM by_year
  UNION ALL
  SELECT county_code, as_of, scope, year, 'persons', identified_p, returned_p, exited_p, natural_p, removed_p, gap_p FROM by_year),
moved AS (
  SELECT units.*, identified + returned - exited - natural_decrease - removed - gap AS change FROM units)
SELECT county_code, as_of, scope, year, unit,
       SUM(change) OVER (PARTITION BY county_code, as_of, scope, unit ORDER BY year ROWS UNBOUNDED PRECEDING) - change AS start_stock,
       identified, returned, exited, natural_decrease, removed,
       SUM(change) OVER (PARTITION BY county_code, as_of, scope, unit ORDER BY year ROWS UNBOUNDED PRECEDING) AS end_stock,
       gap
FROM moved;

-- The identity per year: gap = 年初 + 新识别 + 返贫 − 脱贫 − 自然减少 − 清退 − 年末 (0 when it holds).
CREATE OR REPLACE VIEW koujing_flow_identity AS
SELECT county_code, as_of, scope, unit, year,
       start_stock + identified + returned - exited - natural_decrease - removed - end_stock AS gap,
       CASE WHEN start_stock + identified + returned - exited - natural_decrease - removed - end_stock = 0
            THEN 1 ELSE 0 END AS holds
FROM koujing_flows;
`;
}
