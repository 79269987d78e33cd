/**
 * Headers are compared after folding (import-format.md): full-width to half-width, spaces and
 * line breaks removed, （） as (), and the asterisk some templates put before required columns.
 */
export function foldHeader(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u3000*]/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

export type HeaderUnit = '元' | '万元' | null;

const UNIT_SUFFIX = /\((元|万元|人|个|户|年|月|%|亩|元\/人)\)$/;

/** The folded header without a trailing unit in brackets, and that unit when it is 元 or 万元. */
export function splitHeaderUnit(folded: string): { base: string; unit: HeaderUnit } {
  const m = UNIT_SUFFIX.exec(folded);
  if (!m) return { base: folded, unit: null };
  const unit = m[1] === '元' || m[1] === '万元' ? m[1] : null;
  return { base: folded.slice(0, m.index), unit };
}

/** A cell of a unit row under the header: 元, 万元, 人, (万元)… */
export function unitCellOf(folded: string): { isUnit: boolean; unit: HeaderUnit } {
  const m = /^\(?(万元|元|人|户|个|年|月|%|亩|元\/人)\)?$/.exec(folded.replace(/^单位[:：]?/, ''));
  if (!m) return { isUnit: false, unit: null };
  return { isUnit: true, unit: m[1] === '元' || m[1] === '万元' ? m[1] : null };
}
