/**
 * The 动态调整 ledger of metrics.md, as a state machine over each household's events:
 *
 *   年初未脱贫 + 新识别 + 返贫 − 脱贫 − 自然减少 − 清退 = 年末未脱贫
 *
 * The flows count the events as the data records them (so 脱贫 here is the same figure as the exits
 * table); the stock is counted independently, household by household, from the state each one is
 * in at the end of the year (out of the register, in the unexited stock, exited, gone). An event that
 * does not fit the household's state (a 脱贫 of a household never identified, a 返贫 without an
 * exit, a second 识别 …) is counted but moves nothing, so the identity breaks by exactly that event,
 * and the household is listed. Removals (自然减少, 清退) count only for households removed while in
 * the unexited stock; a 脱贫户 that dies is not a flow out of it, nor is a 普通农户 (never registered).
 */

export const FLOW_EVENT_TYPES = ['识别', '返贫', '脱贫', '自然减少', '清退'] as const;
export type FlowEventType = (typeof FLOW_EVENT_TYPES)[number];

type State = 'out' | 'in' | 'exited' | 'gone';

export interface FlowEvent {
  readonly householdId: number;
  readonly year: number;
  readonly type: FlowEventType;
}

export interface FlowHousehold {
  readonly householdId: number;
  readonly persons: number;
  /** 普通农户: monitored but never registered, so never in the stock. */
  readonly ordinary: boolean;
  /** Its flow events (any order). */
  readonly events: readonly FlowEvent[];
}

export interface FlowCounts {
  start: number;
  identified: number;
  returned: number;
  exited: number;
  naturalDecrease: number;
  removed: number;
  end: number;
}

export interface FlowLedgerBreak {
  readonly householdId: number;
  readonly year: number;
  readonly eventType: FlowEventType;
  readonly detail: string;
}

export interface FlowLedger {
  readonly years: readonly number[];
  readonly households: ReadonlyMap<number, FlowCounts>;
  readonly persons: ReadonlyMap<number, FlowCounts>;
  readonly breaks: readonly FlowLedgerBreak[];
}

function emptyCounts(): FlowCounts {
  return { start: 0, identified: 0, returned: 0, exited: 0, naturalDecrease: 0, removed: 0, end: 0 };
}

interface Step {
  readonly next: State;
  /** Which flow column counts the event (null: not a flow). */
  readonly counted: keyof FlowCounts | null;
  /** Why the event does not fit the state (null when it does). */
  readonly problem: string | null;
}

const STATE_WORDS: Readonly<Record<State, string>> = { out: '尚未识别', in: '未脱贫', exited: '已脱贫', gone: '已减少' };

function step(state: State, type: FlowEventType, ordinary: boolean): Step {
  switch (type) {
    case '识别':
      return state === 'out' || state === 'gone'
        ? { next: 'in', counted: 'identified', problem: null }
        : { next: state, counted: 'identified', problem: `识别时该户${STATE_WORDS[state]}（重复识别）` };
    case '返贫':
      return state === 'exited'
        ? { next: 'in', counted: 'returned', problem: null }
        : { next: state, counted: 'returned', problem: `返贫时该户${STATE_WORDS[state]}（返贫前没有脱贫）` };
    case '脱贫':
      return state === 'in'
        ? { next: 'exited', counted: 'exited', problem: null }
        : { next: state, counted: 'exited', problem: `脱贫时该户${STATE_WORDS[state]}` };
    case '自然减少':
    case '清退': {
      const column = type === '自然减少' ? 'naturalDecrease' : 'removed';
      if (state === 'in') return { next: 'gone', counted: column, problem: null };
      if (state === 'exited' || state === 'gone' || ordinary) return { next: 'gone', counted: null, problem: null };
      return { next: 'gone', counted: column, problem: `${type}时该户尚未识别` };
    }
  }
}

/** Rank of event types inside one year when several apply: the order that fits the state is tried first. */
const RANK: Readonly<Record<FlowEventType, number>> = { 识别: 0, 返贫: 1, 脱贫: 2, 自然减少: 3, 清退: 4 };

/**
 * Orders one year's events of a household: at each step the first event (by rank) that fits the
 * current state, so that 识别 and 脱贫 in the same year, or 脱贫 then 返贫 in the same year, both work.
 */
function orderWithinYear(state: State, events: FlowEvent[], ordinary: boolean): FlowEvent[] {
  const rest = [...events].sort((a, b) => RANK[a.type] - RANK[b.type]);
  const out: FlowEvent[] = [];
  let s = state;
  while (rest.length) {
    let k = rest.findIndex((e) => step(s, e.type, ordinary).problem === null);
    if (k < 0) k = 0;
    const [e] = rest.splice(k, 1) as [FlowEvent];
    s = step(s, e.type, ordinary).next;
    out.push(e);
  }
  return out;
}

/** One event of a household as the ledger sees it. */
export interface ClassifiedEvent {
  readonly year: number;
  readonly type: FlowEventType;
  /** The flow column that counts it, or null when it is not a flow (a 脱贫户's 自然减少 …). */
  readonly counted: Exclude<keyof FlowCounts, 'start' | 'end'> | null;
  /** Its part in start + in − out − end: +1 / −1 for a counted event that moved nothing, else 0. */
  readonly gap: number;
  readonly problem: string | null;
}

const INFLOWS = new Set<keyof FlowCounts>(['identified', 'returned']);

/** Runs one household's events through the state machine, year by year, in the order that fits. */
export function classifyEvents(
  h: FlowHousehold, onYearEnd?: (year: number, inStock: boolean) => void,
): ClassifiedEvent[] {
  const byYear = new Map<number, FlowEvent[]>();
  for (const e of h.events) byYear.set(e.year, [...(byYear.get(e.year) ?? []), e]);
  let state: State = 'out';
  const out: ClassifiedEvent[] = [];
  for (const year of [...byYear.keys()].sort((a, b) => a - b)) {
    for (const e of orderWithinYear(state, byYear.get(year) ?? [], h.ordinary)) {
      const s = step(state, e.type, h.ordinary);
      const counted = s.counted as ClassifiedEvent['counted'];
      const gap = s.problem === null || counted === null ? 0 : INFLOWS.has(counted) ? 1 : -1;
      out.push({ year, type: e.type, counted, gap, problem: s.problem });
      state = s.next;
    }
    onYearEnd?.(year, state === 'in');
  }
  return out;
}

/**
 * The ledger counted the long way, household by household and year by year, with the stock
 * clamped to its state at each year end. The engine sums the same classified events in SQL; this
 * is the definition the tests hold it to.
 */
export function buildFlowLedger(households: Iterable<FlowHousehold>, firstYear: number, lastYear: number): FlowLedger {
  const years: number[] = [];
  for (let y = firstYear; y <= lastYear; y++) years.push(y);
  const hh = new Map(years.map((y) => [y, emptyCounts()]));
  const pp = new Map(years.map((y) => [y, emptyCounts()]));
  const breaks: FlowLedgerBreak[] = [];
  for (const h of households) {
    const inStockAtEnd = new Map<number, boolean>();
    const events = classifyEvents(h, (year, inStock) => inStockAtEnd.set(year, inStock));
    for (const e of events) {
      if (e.year < firstYear || e.year > lastYear) continue;
      if (e.counted) {
        (hh.get(e.year) as FlowCounts)[e.counted] += 1;
        (pp.get(e.year) as FlowCounts)[e.counted] += h.persons;
      }
      if (e.problem) breaks.push({ householdId: h.householdId, year: e.year, eventType: e.type, detail: e.problem });
    }
    let inStock = false;
    for (const [year, value] of [...inStockAtEnd].sort((a, b) => a[0] - b[0])) if (year < firstYear) inStock = value;
    for (const y of years) {
      if (inStock) {
        (hh.get(y) as FlowCounts).start += 1;
        (pp.get(y) as FlowCounts).start += h.persons;
      }
      const atEnd = inStockAtEnd.get(y);
      if (atEnd !== undefined) inStock = atEnd;
      if (inStock) {
        (hh.get(y) as FlowCounts).end += 1;
        (pp.get(y) as FlowCounts).end += h.persons;
      }
    }
  }
  return { years, households: hh, persons: pp, breaks };
}

/** start + identified + returned − exited − naturalDecrease − removed − end: 0 when the identity holds. */
export function flowGap(c: FlowCounts): number {
  return c.start + c.identified + c.returned - c.exited - c.naturalDecrease - c.removed - c.end;
}
