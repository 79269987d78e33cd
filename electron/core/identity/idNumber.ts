import { createHmac } from 'node:crypto';

/** What kind of number a 证件号码 is (domain.md, Identifiers). */
export type IdKind = 'id18' | 'id15' | 'disability' | 'other';

export interface ParsedId {
  readonly normalized: string;
  readonly kind: IdKind;
  /** Checksum (18-digit), or date plausibility (15-digit); null when the kind has no check. */
  readonly valid: boolean | null;
  readonly birthDate: string | null;
  readonly sex: '男' | '女' | null;
  readonly masked: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** ISO 7064 MOD 11-2 check character of the first 17 digits of a GB 11643 number. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '?';
}

const PLAIN_ID = /^[0-9X]+$/;

export function normalizeIdNumber(raw: string): string {
  // Nearly every number arrives as plain digits (and X), which NFKC, trimming and upper-casing
  // leave as they are: a million members skip the Unicode normalisation.
  if (PLAIN_ID.test(raw)) return raw;
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function plausibleDate(y: number, m: number, d: number): boolean {
  if (y < 1880 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (MONTH_DAYS[m - 1] as number) + (leap ? 1 : 0);
}

function birthFrom(yyyymmdd: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (!plausibleDate(y, m, d)) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * 530999**********3X: the region (digits 1–6) and the last two characters kept. The birth date
 * (digits 7–14) is stored beside it for 年龄组, so the mask must hide enough of the rest that the
 * two cannot be joined back into the number: with digits 15–16 hidden, about nine numbers pass
 * the check digit for every stored person (issue 17). A 15-digit number keeps its last digit.
 */
export function maskIdNumber(id: string): string {
  if (id.length >= 18) {
    const core = `${id.slice(0, 6)}**********${id.slice(16, 18)}`;
    return id.length > 18 ? `${core}${id.slice(18)}` : core;
  }
  if (id.length === 15) return `${id.slice(0, 6)}********${id.slice(14)}`;
  if (id.length <= 4) return '*'.repeat(id.length);
  return `${id.slice(0, 2)}${'*'.repeat(id.length - 4)}${id.slice(-2)}`;
}

/**
 * Every ID number in a text masked — 18 characters (20 or 22 for a 残疾人证) or 15 digits, not
 * part of a longer run of digits: for messages and issue values. A 16-digit 户编号 is left alone.
 */
export function maskIdNumbersIn(text: string): string {
  return text.replace(/(?<![0-9])(?:[0-9]{17}[0-9Xx](?:[0-9]{2}){0,2}|[0-9]{15})(?![0-9Xx])/g, (m) => maskIdNumber(m.toUpperCase()));
}

export function parseIdNumber(raw: string): ParsedId {
  const id = normalizeIdNumber(raw);
  if (/^\d{17}[\dX]$/.test(id)) {
    const birthDate = birthFrom(id.slice(6, 14));
    const valid = checkCharacter(id.slice(0, 17)) === id[17] && birthDate !== null;
    return { normalized: id, kind: 'id18', valid, birthDate, sex: Number(id[16]) % 2 === 1 ? '男' : '女', masked: maskIdNumber(id) };
  }
  if (/^\d{15}$/.test(id)) {
    const birthDate = birthFrom(`19${id.slice(6, 12)}`);
    return { normalized: id, kind: 'id15', valid: birthDate !== null, birthDate, sex: Number(id[14]) % 2 === 1 ? '男' : '女', masked: maskIdNumber(id) };
  }
  if (/^\d{17}[\dX]\d{2}(\d{2})?$/.test(id)) {
    // 残疾人证: the 18-character ID followed by class and grade.
    const base = parseIdNumber(id.slice(0, 18));
    return { ...base, normalized: id, kind: 'disability', masked: maskIdNumber(id) };
  }
  return { normalized: id, kind: 'other', valid: null, birthDate: null, sex: null, masked: maskIdNumber(id) };
}

/** What the import checks of an ID number: parseIdNumber's kind, validity and sex. */
export type IdFacts = Pick<ParsedId, 'kind' | 'valid' | 'sex'>;

const ID18_FACTS: readonly IdFacts[] = [
  { kind: 'id18', valid: false, sex: '女' }, { kind: 'id18', valid: false, sex: '男' },
  { kind: 'id18', valid: true, sex: '女' }, { kind: 'id18', valid: true, sex: '男' },
];

function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

/**
 * parseIdNumber's kind, validity and sex, for the reader's check of a million members: an
 * 18-character number of digits (and a final X) is checked on its character codes, without the
 * normalised, masked and birth-date strings parseIdNumber builds; anything else goes through it.
 */
export function idNumberFacts(raw: string): IdFacts {
  if (raw.length !== 18) return parseIdNumber(raw);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return parseIdNumber(raw);
    sum += d * (WEIGHTS[i] as number);
  }
  const last = raw.charCodeAt(17);
  if (last !== 88 && (last < 48 || last > 57)) return parseIdNumber(raw);
  const valid = CHECK.charCodeAt(sum % 11) === last
    && plausibleDate(digitsAt(raw, 6, 10), digitsAt(raw, 10, 12), digitsAt(raw, 12, 14));
  return ID18_FACTS[(valid ? 2 : 0) + ((raw.charCodeAt(16) - 48) % 2)] as IdFacts;
}

/**
 * Keyed hash for linking persons across snapshots without storing the number. A 残疾人证 number
 * links by its ID part, so a person is the same whichever certificate the export listed.
 * HMAC-SHA256 (first 16 bytes) from node:crypto; an import's write thread hashes (hashIdKey), so
 * the reading thread only parses and checks the number.
 */
export function hashIdNumber(secret: Buffer, parsed: ParsedId): Buffer {
  return hashIdKey(secret, idHashKey(parsed));
}

/** What of a parsed number is hashed: the normalised number, a 残疾人证's ID part only. */
export function idHashKey(parsed: ParsedId): string {
  return parsed.kind === 'disability' ? parsed.normalized.slice(0, 18) : parsed.normalized;
}

export function hashIdKey(secret: Buffer, key: string): Buffer {
  return createHmac('sha256', secret).update(key).digest().subarray(0, 16);
}
