import { netIncomeOf, type IncomeRow } from '../../db/snapshotRows';
import type { Random } from '../random';
import { demoLine } from '../incomeRows';

/** The row with 其他转移性收入 (and the transfer total with it) moved by `delta` 元. */
export function withOtherTransfer(row: IncomeRow, delta: number): IncomeRow {
  return {
    ...row,
    otherTransfer: (row.otherTransfer ?? 0) + delta,
    transfer: row.transfer === null ? null : row.transfer + delta,
  };
}

/** 人均纯收入 of a row (0 for a row without persons). */
export function perCapitaOf(row: IncomeRow): number {
  return row.size > 0 ? netIncomeOf(row) / row.size : 0;
}

/**
 * Sets a row's 人均纯收入 to `target` exactly (target × 人口 in whole 元) — the way a padded exit is
 * made to add up: the difference goes to 其他转移性收入, and a cut the other transfers cannot take
 * comes out of wages. Null when even the wages cannot take it.
 */
export function padTo(row: IncomeRow, target: number): IncomeRow | null {
  const delta = target * row.size - netIncomeOf(row);
  const other = row.otherTransfer ?? 0;
  if (other + delta >= 0) return withOtherTransfer(row, delta);
  const fromWage = other + delta;
  if ((row.wage ?? 0) + fromWage < 0) return null;
  return { ...withOtherTransfer(row, -other), wage: (row.wage ?? 0) + fromWage };
}

/** One amount of a past row rewritten (a correction, a typo fixed, a size recounted). */
export function editedRow(rng: Random, row: IncomeRow): IncomeRow {
  const which = rng.int(0, 3);
  const scale = (v: number | null): number => Math.max(0, Math.round((v ?? 0) * rng.uniform(0.7, 1.3)) + 1);
  switch (which) {
    case 0: return { ...row, wage: scale(row.wage) };
    case 1: return { ...row, business: scale(row.business) };
    case 2: return withOtherTransfer(row, rng.int(100, 1500));
    default: return { ...row, size: row.size > 1 && rng.chance(0.5) ? row.size - 1 : row.size + 1 };
  }
}

/** A 收入未达线 exit corrected in the next export: income raised to just above the line through other transfers. */
export function correctedShortfall(rng: Random, row: IncomeRow): IncomeRow | null {
  const line = demoLine(row.year);
  if (perCapitaOf(row) >= line) return null;
  return padTo(row, Math.ceil(line * rng.uniform(1, 1.05)));
}

/** Every amount of a row scaled by `factor` (whole 元), the size given: next year's row. */
export function scaledRow(row: IncomeRow, year: number, size: number, factor: number): IncomeRow {
  const s = (v: number | null): number | null => (v === null ? null : Math.round(v * factor));
  const items = {
    familyPlanning: s(row.familyPlanning), dibao: s(row.dibao), tekun: s(row.tekun), pension: s(row.pension),
    eco: s(row.eco),
    otherTransfer: s(row.otherTransfer),
  };
  const transfer = row.transfer === null ? null
    : (items.familyPlanning ?? 0) + (items.dibao ?? 0) + (items.tekun ?? 0) + (items.pension ?? 0) + (items.eco ?? 0)
      + (items.otherTransfer ?? 0);
  return {
    ...row, ...items, year, size, wage: s(row.wage), business: s(row.business), businessCost: s(row.businessCost),
    property: s(row.property),
    transfer, sourceRow: null,
  };
}
