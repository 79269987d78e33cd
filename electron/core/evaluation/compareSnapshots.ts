import type { Db } from '../db/database';
import {
  INCOME_COLUMNS, changeCounts, memberChanges, presenceCounts, renumberedPairs, retroEventRows, retroIncomeRows,
  transitionRows,
  vanishedCodes, type TransitionRow,
} from '../db/queries/evaluationCompareQueries';
import { STATUS, labelsOf } from '../../../shared/domain/codeLists';
import {
  ADDED, NO_STATUS, VANISHED, type CompareRequest, type CompareResult, type RetroEvent, type RetroIncomeEdit,
} from '../../../shared/api/evaluation';
import { pairKoujing, resolvePair, snapshotRef } from './snapshotPair';

const DEFAULT_LIST_LIMIT = 2000;

/** The matrix's row and column labels: the code list's statuses in order, then any others met, then 未填写. */
function statusOrder(rows: readonly TransitionRow[]): string[] {
  const known = labelsOf(STATUS);
  const met = new Set<string>();
  for (const r of rows) for (const s of [r.from, r.to]) met.add(s ?? NO_STATUS);
  met.delete(ADDED);
  met.delete(VANISHED);
  const others = [...met].filter((s) => !known.includes(s) && s !== NO_STATUS).sort();
  return [...known.filter((s) => met.has(s)), ...others, ...(met.has(NO_STATUS) ? [NO_STATUS] : [])];
}

/** Field-level edits of the differing income rows (old → new), and the rows' count by township. */
function incomeEdits(rows: ReturnType<typeof retroIncomeRows>): RetroIncomeEdit[] {
  const out: RetroIncomeEdit[] = [];
  for (const r of rows) {
    INCOME_COLUMNS.forEach(([field], k) => {
      const from = r.values[2 * k] ?? null;
      const to = r.values[2 * k + 1] ?? null;
      if (from !== to) out.push({
        household: r.code, township: r.township, village: r.village, year: r.year, field, from, to,
      });
    });
  }
  return out;
}

/**
 * 跨期对比 (evaluation.md §1): presence, the status transition matrix, changes of record, members
 * added and gone, and retroactive edits of history, every count from SQL over the paired
 * households (no household is loaded into JavaScript except those the lists show).
 */
export function compareSnapshots(db: Db, request: CompareRequest): CompareResult {
  const started = performance.now();
  const pair = resolvePair(db, request.fromSnapshotId, request.toSnapshotId);
  const limit = request.listLimit === null ? Number.MAX_SAFE_INTEGER : (request.listLimit ?? DEFAULT_LIST_LIMIT);

  const presence = presenceCounts(db, pair.asOfYearA);
  const t = transitionRows(db);
  const statuses = statusOrder([...t.both, ...t.added, ...t.vanished]);
  const transitions = [
    ...t.both.map((r) => ({
      from: r.from ?? NO_STATUS, to: r.to ?? NO_STATUS, households: r.households, persons: r.persons,
    })),
    ...t.added.map((r) => ({ from: ADDED, to: r.to ?? NO_STATUS, households: r.households, persons: r.persons })),
    ...t.vanished.map((r) => ({
      from: r.from ?? NO_STATUS, to: VANISHED, households: r.households, persons: r.persons,
    })),
  ];
  const changed = changeCounts(db);
  const members = memberChanges(db);

  const incomeRows = retroIncomeRows(db, pair.asOfYearA);
  const eventRows = retroEventRows(db, pair.asOfYearA);
  const edits = incomeEdits(incomeRows);
  const towns = new Map<string, { incomeRows: number; events: number; households: Set<number> }>();
  const town = (name: string): { incomeRows: number; events: number; households: Set<number> } => {
    let t0 = towns.get(name);
    if (!t0) {
      t0 = { incomeRows: 0, events: 0, households: new Set() };
      towns.set(name, t0);
    }
    return t0;
  };
  for (const r of incomeRows) {
    const x = town(r.township);
    x.incomeRows++;
    x.households.add(r.b_id);
  }
  for (const r of eventRows) {
    const x = town(r.township);
    x.events++;
    x.households.add(r.b_id);
  }
  const retroHouseholds = new Set([...incomeRows.map((r) => r.b_id), ...eventRows.map((r) => r.b_id)]);
  const events: RetroEvent[] = eventRows.map((r) => ({
    household: r.code, township: r.township, village: r.village, year: r.year, type: r.type, change: r.side === 'A' ? 'onlyInA' : 'onlyInB',
  }));

  return {
    from: snapshotRef(pair.a),
    to: snapshotRef(pair.b),
    koujing: pairKoujing(pair),
    households: {
      both: presence.both,
      added: presence.added,
      addedExplained: presence.addedExplained,
      addedUnexplained: presence.added - presence.addedExplained,
      vanished: presence.vanished,
      vanishedExplained: presence.vanishedExplained,
      vanishedUnexplained: presence.vanished - presence.vanishedExplained,
      renumbered: presence.renumbered,
    },
    statuses,
    transitions,
    changes: {
      ...changed,
      membersAdded: members.added, membersGone: members.gone,
      membersAddedHouseholds: members.addedHouseholds, membersGoneHouseholds: members.goneHouseholds,
    },
    retroactive: {
      incomeRows: incomeRows.length,
      incomeEdits: edits.length,
      events: eventRows.length,
      households: retroHouseholds.size,
      byTownship: [...towns.entries()].sort((x, y) => x[0].localeCompare(y[0], 'zh-CN'))
        .map(([township, v]) => ({
          township, incomeRows: v.incomeRows, events: v.events, households: v.households.size,
        })),
    },
    lists: {
      vanished: vanishedCodes(db, limit),
      renumbered: renumberedPairs(db, limit),
      retroactiveIncome: edits.slice(0, limit),
      retroactiveEvents: events.slice(0, limit),
    },
    elapsedMs: performance.now() - started,
  };
}
