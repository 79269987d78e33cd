import type { Db } from '../database';
import { ADDED, NO_STATUS, VANISHED, type CompareSelection, type PresenceKind } from '../../../../shared/api/evaluation';
import { ADDED_EXPLAINED, CHANGED, INCOME_COLUMNS, MEMBER_ADDED, MEMBER_GONE, VANISHED_EXPLAINED } from './evaluationCompareQueries';

/**
 * The households behind one figure of a comparison, over the pairing of evaluationMatch.ts. Each
 * figure is a source (matched pairs, only in A, only in B) and a condition; a side without a
 * household joins nothing (ON 0) so that every row has the same columns.
 */
const MATCHED = 'eval_match m JOIN household ha ON ha.id = m.a_id JOIN household hb ON hb.id = m.b_id';
const ONLY_A = 'eval_only_a o JOIN household ha ON ha.id = o.a_id LEFT JOIN household hb ON 0';
const ONLY_B = 'eval_only_b o JOIN household hb ON hb.id = o.b_id LEFT JOIN household ha ON 0';

const INCOME_DIFFERS = INCOME_COLUMNS.map(([, c]) => `ia.${c} IS NOT ib.${c}`).join(' OR ');
export const RETRO_INCOME = `EXISTS (SELECT 1 FROM income ia JOIN income ib ON ib.household_id = m.b_id AND ib.year = ia.year
  WHERE ia.household_id = m.a_id AND ia.year <= ? AND (${INCOME_DIFFERS}))`;
export const RETRO_EVENTS = `(EXISTS (SELECT 1 FROM event ea WHERE ea.household_id = m.a_id AND ea.year <= ?
    AND NOT EXISTS (SELECT 1 FROM event eb WHERE eb.household_id = m.b_id AND eb.year = ea.year AND eb.type = ea.type))
  OR EXISTS (SELECT 1 FROM event eb WHERE eb.household_id = m.b_id AND eb.year <= ?
    AND NOT EXISTS (SELECT 1 FROM event ea WHERE ea.household_id = m.a_id AND ea.year = eb.year AND ea.type = eb.type)))`;

interface Part { source: string; where: string; params: unknown[] }

function statusIs(alias: 'ha' | 'hb', label: string): { sql: string; params: unknown[] } {
  return label === NO_STATUS ? { sql: `${alias}.status IS NULL`, params: [] } : { sql: `${alias}.status = ?`, params: [label] };
}

function presencePart(kind: PresenceKind, asOfYear: number): Part {
  const y = [asOfYear, asOfYear, asOfYear];
  switch (kind) {
    case 'both': return { source: MATCHED, where: '1', params: [] };
    case 'renumbered': return { source: MATCHED, where: 'm.renumbered = 1', params: [] };
    case 'added': return { source: ONLY_B, where: '1', params: [] };
    case 'addedExplained': return { source: ONLY_B, where: ADDED_EXPLAINED, params: y };
    case 'addedUnexplained': return { source: ONLY_B, where: `NOT ${ADDED_EXPLAINED}`, params: y };
    case 'vanished': return { source: ONLY_A, where: '1', params: [] };
    case 'vanishedExplained': return { source: ONLY_A, where: VANISHED_EXPLAINED, params: [] };
    case 'vanishedUnexplained': return { source: ONLY_A, where: `NOT ${VANISHED_EXPLAINED}`, params: [] };
  }
}

function selectionPart(selection: CompareSelection, asOfYear: number): Part {
  switch (selection.kind) {
    case 'presence': return presencePart(selection.presence, asOfYear);
    case 'transition': {
      if (selection.from === ADDED) {
        const s = statusIs('hb', selection.to);
        return { source: ONLY_B, where: s.sql, params: s.params };
      }
      if (selection.to === VANISHED) {
        const s = statusIs('ha', selection.from);
        return { source: ONLY_A, where: s.sql, params: s.params };
      }
      const a = statusIs('ha', selection.from);
      const b = statusIs('hb', selection.to);
      return { source: MATCHED, where: `${a.sql} AND ${b.sql}`, params: [...a.params, ...b.params] };
    }
    case 'change': {
      if (selection.field === 'membersAdded') return { source: MATCHED, where: MEMBER_ADDED, params: [] };
      if (selection.field === 'membersGone') return { source: MATCHED, where: MEMBER_GONE, params: [] };
      if (selection.field === 'any') {
        return { source: MATCHED, where: [...Object.values(CHANGED), MEMBER_ADDED, MEMBER_GONE].map((c) => `(${c})`).join(' OR '), params: [] };
      }
      return { source: MATCHED, where: CHANGED[selection.field], params: [] };
    }
    case 'retroactive': {
      const parts: { sql: string; params: unknown[] }[] = [];
      if (selection.what === 'income') parts.push({ sql: RETRO_INCOME, params: [asOfYear] });
      else if (selection.what === 'events') parts.push({ sql: RETRO_EVENTS, params: [asOfYear, asOfYear] });
      else parts.push({ sql: `(${RETRO_INCOME} OR ${RETRO_EVENTS})`, params: [asOfYear, asOfYear, asOfYear] });
      if (selection.township !== undefined) parts.push({ sql: 'hb.township = ?', params: [selection.township] });
      return { source: MATCHED, where: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
    }
  }
}

export interface DrillRow {
  a_id: number | null; b_id: number | null;
  codeA: string | null; codeB: string | null; township: string; village: string; headIdMasked: string | null;
  statusA: string | null; statusB: string | null; sizeA: number | null; sizeB: number | null;
  attributeA: string | null; attributeB: string | null; causeA: string | null; causeB: string | null;
  categoryA: string | null; categoryB: string | null; eliminatedA: number | null; eliminatedB: number | null;
}

export function drillRows(
  db: Db, selection: CompareSelection, asOfYear: number, limit: number,
): { total: number; rows: DrillRow[] } {
  const p = selectionPart(selection, asOfYear);
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM ${p.source} WHERE ${p.where}`).get(...p.params) as { n: number }).n;
  const rows = db.prepare(`SELECT ha.id AS a_id, hb.id AS b_id, ha.code AS codeA, hb.code AS codeB,
      COALESCE(hb.township, ha.township) AS township, COALESCE(hb.village, ha.village) AS village,
      COALESCE(hb.head_id_masked, ha.head_id_masked) AS headIdMasked, ha.status AS statusA, hb.status AS statusB,
      ha.size AS sizeA, hb.size AS sizeB, ha.attribute AS attributeA, hb.attribute AS attributeB,
      ha.main_cause AS causeA, hb.main_cause AS causeB, ha.mon_category AS categoryA, hb.mon_category AS categoryB,
      ha.risk_eliminated AS eliminatedA, hb.risk_eliminated AS eliminatedB
    FROM ${p.source} WHERE ${p.where} ORDER BY 5, 6, COALESCE(hb.code, ha.code) LIMIT ?`).all(...p.params, limit) as DrillRow[];
  return { total, rows };
}

/** Member ID hashes (as hex, never shown) of a household that its partner lacks: how many. */
export function memberDifference(db: Db, aId: number, bId: number): { added: number; gone: number } {
  const q = db.prepare(`SELECT COUNT(*) AS n FROM person p WHERE p.household_id = ?
    AND NOT EXISTS (SELECT 1 FROM person q WHERE q.household_id = ? AND q.id_hash = p.id_hash)`);
  return { gone: (q.get(aId, bId) as { n: number }).n, added: (q.get(bId, aId) as { n: number }).n };
}

/** The differing income rows (years ≤ lastYear) of one matched pair, both sides' values in INCOME_COLUMNS order. */
export function pairIncomeDiffs(
  db: Db, aId: number, bId: number, lastYear: number,
): { year: number; values: (number | null)[] }[] {
  const cols = INCOME_COLUMNS.map(([, c]) => `ia.${c}, ib.${c}`).join(', ');
  const rows = db.prepare(`SELECT ia.year, ${cols} FROM income ia JOIN income ib ON ib.household_id = ? AND ib.year = ia.year
    WHERE ia.household_id = ? AND ia.year <= ? AND (${INCOME_DIFFERS}) ORDER BY ia.year`).raw().all(bId, aId, lastYear) as unknown[][];
  return rows.map((r) => ({ year: r[0] as number, values: r.slice(1) as (number | null)[] }));
}

/** Events (years ≤ lastYear) of one side of a pair that the other side lacks. */
export function pairEventDiffs(
  db: Db, fromId: number, otherId: number, lastYear: number,
): { year: number; type: string }[] {
  return db.prepare(`SELECT e.year, e.type FROM event e WHERE e.household_id = ? AND e.year <= ?
    AND NOT EXISTS (SELECT 1 FROM event o WHERE o.household_id = ? AND o.year = e.year AND o.type = e.type)
    ORDER BY e.year, e.type`).all(fromId, lastYear, otherId) as { year: number; type: string }[];
}
