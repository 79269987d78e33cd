import type { Db } from '../db/database';
import { selectFlowEvents, selectFlowYearSpan, selectHouseholdLabels, type FlowEventTuple } from '../db/queries/flowQueries';
import type { FlowBreak, FlowRow, FlowsResult, MetricScopeRequest } from '../../../shared/api/metrics';
import { FLOW_EVENT_TYPES, buildFlowLedger, flowGap, type FlowEventType, type FlowHousehold } from './flowLedger';
import { POPULATIONS, makeKoujing } from './koujing';
import { resolveScope, type MetricScope } from './scope';

const NOTES = [
  '年初未脱贫 + 新识别 + 返贫 − 脱贫 − 自然减少 − 清退 = 年末未脱贫；按户和按人（现家庭人口数）各算一遍。',
  '各项流量按状态变化事件计数（户次）；年末未脱贫按每户年末所处状态独立清点，两者不符时列出造成差异的户。',
  '自然减少、清退只计未脱贫时被减少的户；已脱贫户的自然减少不是未脱贫存量的流出。首年的年初数为此前已识别且未脱贫的户。',
  '同一年内的多个事件按“识别、返贫、脱贫、自然减少、清退”中符合该户状态者依次处理。',
];

const FLOW_TYPE_SET = new Set<string>(FLOW_EVENT_TYPES);

/** Groups the ordered event tuples into one FlowHousehold per household, lazily. */
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

export function flowsMetrics(db: Db, request: MetricScopeRequest = {}): FlowsResult {
  return flowsForScope(resolveScope(db, request));
}

export function flowsForScope(scope: MetricScope): FlowsResult {
  const span = selectFlowYearSpan(scope.db, scope.snapshot.id);
  const first = Math.max(span.first ?? 0, scope.yearFrom ?? -Infinity);
  const last = Math.min(span.last ?? -1, scope.yearTo ?? Infinity);
  const ledger = span.first === null || first > last
    ? { years: [], households: new Map(), persons: new Map(), breaks: [] }
    : buildFlowLedger(householdsOf(selectFlowEvents(scope.db, scope.households)), first, last);
  const rows: FlowRow[] = [];
  for (const year of ledger.years) {
    for (const unit of ['households', 'persons'] as const) {
      const c = (unit === 'households' ? ledger.households : ledger.persons).get(year);
      if (c) rows.push({ year, unit, ...c, gap: flowGap(c) });
    }
  }
  const labels = selectHouseholdLabels(scope.db, [...new Set(ledger.breaks.map((b) => b.householdId))]);
  const breaks: FlowBreak[] = ledger.breaks.map((b) => {
    const l = labels.get(b.householdId);
    return { householdCode: l?.code ?? String(b.householdId), township: l?.township ?? '', village: l?.village ?? '', year: b.year, eventType: b.eventType, detail: b.detail };
  }).sort((a, b) => a.year - b.year || a.township.localeCompare(b.township, 'zh-Hans-CN') || a.householdCode.localeCompare(b.householdCode));
  return {
    koujing: makeKoujing(scope, { years: [...ledger.years], population: POPULATIONS.register, notes: NOTES }),
    rows,
    identityHolds: rows.every((r) => r.gap === 0),
    breaks,
  };
}
