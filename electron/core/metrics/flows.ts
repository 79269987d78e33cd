import type { Db } from '../db/database';
import { selectStamp } from '../db/queries/derivedTables';
import {
  replaceFlowEvents, selectFlowBreaks, selectFlowEvents, selectFlowTotals, selectFlowYearSpan, type FlowEventRow,
  type FlowEventTuple,
} from '../db/queries/flowQueries';
import type { FlowRow, FlowsResult } from '../../../shared/api/flows';
import type { MetricScopeRequest } from '../../../shared/api/metricScope';
import { FLOW_EVENT_TYPES, classifyEvents, flowGap, type FlowCounts, type FlowEventType, type FlowHousehold } from './flowLedger';
import { POPULATIONS, makeKoujing } from './koujing';
import { resolveScope, type MetricScope } from './scope';

const NOTES = [
  '年初未脱贫 + 新识别 + 返贫 − 脱贫 − 自然减少 − 清退 = 年末未脱贫；按户和按人（现家庭人口数）各算一遍。',
  '各项流量按状态变化事件计数（户次）；年末未脱贫按每户年末所处状态清点，与平衡关系不符的差额由列出的户造成。',
  '自然减少、清退只计未脱贫时被减少的户；已脱贫户的自然减少不是未脱贫存量的流出。首年的年初数为此前已识别且未脱贫的户。',
  '同一年内的多个事件按“识别、返贫、脱贫、自然减少、清退”中符合该户状态者依次处理。',
];

/** Bump when the ledger's rules change, so stored classifications are recomputed. */
const LEDGER_VERSION = 1;
const KIND = 'flow_event';
const FLOW_TYPE_SET = new Set<string>(FLOW_EVENT_TYPES);

/** Groups the event tuples (ordered by household) into one FlowHousehold per household, lazily. */
function* householdsOf(tuples: readonly FlowEventTuple[]): Generator<FlowHousehold> {
  let k = 0;
  while (k < tuples.length) {
    const first = tuples[k] as FlowEventTuple;
    const events: { householdId: number; year: number; type: FlowEventType }[] = [];
    while (k < tuples.length && (tuples[k] as FlowEventTuple)[0] === first[0]) {
      const t = tuples[k] as FlowEventTuple;
      if (FLOW_TYPE_SET.has(t[2])) events.push({ householdId: t[0], year: t[1], type: t[2] as FlowEventType });
      k++;
    }
    yield { householdId: first[0], persons: first[3], ordinary: first[4] === 1, events };
  }
}

/**
 * Makes sure flow_event holds the ledger's classification of every event of the snapshot: the
 * state machine (flowLedger.ts) runs once per snapshot, the yearly table is then a SQL sum for any
 * filter. The snapshot is immutable, so the stamp only tracks the ledger's rules.
 */
export function ensureFlowLedger(scope: Pick<MetricScope, 'db' | 'snapshot'>): void {
  const stamp = JSON.stringify({ v: LEDGER_VERSION });
  if (selectStamp(scope.db, scope.snapshot.id, KIND) === stamp) return;
  const rows: FlowEventRow[] = [];
  for (const h of householdsOf(selectFlowEvents(scope.db, scope.snapshot.id))) {
    for (const e of classifyEvents(h)) {
      if (e.counted === null) continue;
      rows.push({
        householdId: h.householdId, year: e.year, kind: e.counted, persons: h.persons, gap: e.gap, eventType: e.type,
        problem: e.problem,
      });
    }
  }
  replaceFlowEvents(scope.db, scope.snapshot.id, rows, KIND, stamp);
}

export function flowsMetrics(db: Db, request: MetricScopeRequest = {}): FlowsResult {
  return flowsForScope(resolveScope(db, request));
}

type Flows = Omit<FlowCounts, 'start' | 'end'>;

/**
 * The yearly table from the first year any flow event happened (the stock is empty before it), so
 * that a later range starts with the households identified before it and not exited: end(Y) =
 * start(Y) + inflows − outflows − the gap the listed households cause, start(Y+1) = end(Y).
 */
export function flowsForScope(scope: MetricScope): FlowsResult {
  ensureFlowLedger(scope);
  const span = selectFlowYearSpan(scope.db, scope.snapshot.id);
  const totals = selectFlowTotals(scope.db, scope.households);
  const rows: FlowRow[] = [];
  const years: number[] = [];
  if (span.first !== null && span.last !== null) {
    const stock = { households: 0, persons: 0 };
    for (let year = span.first; year <= span.last; year++) {
      const ofYear = totals.filter((t) => t.year === year);
      for (const unit of ['households', 'persons'] as const) {
        const flows: Flows = { identified: 0, returned: 0, exited: 0, naturalDecrease: 0, removed: 0 };
        let gap = 0;
        for (const t of ofYear) {
          flows[t.kind] += unit === 'households' ? t.households : t.persons;
          gap += unit === 'households' ? t.gapHouseholds : t.gapPersons;
        }
        const start = stock[unit];
        const end = start + flows.identified + flows.returned - flows.exited - flows.naturalDecrease - flows.removed
          - gap;
        stock[unit] = end;
        const inRange = (scope.yearFrom === null || year >= scope.yearFrom)
          && (scope.yearTo === null || year <= scope.yearTo);
        if (inRange) {
          const counts: FlowCounts = { start, ...flows, end };
          rows.push({ year, unit, ...counts, gap: flowGap(counts) });
        }
      }
      if ((scope.yearFrom === null || year >= scope.yearFrom)
        && (scope.yearTo === null || year <= scope.yearTo)) years.push(year);
    }
  }
  return {
    koujing: makeKoujing(scope, { years, population: POPULATIONS.register, notes: NOTES }),
    rows,
    identityHolds: rows.every((r) => r.gap === 0),
    breaks: selectFlowBreaks(scope.db, scope.households, scope.yearFrom, scope.yearTo),
  };
}
