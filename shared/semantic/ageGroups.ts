/**
 * 年龄组 of a member: full years of age (周岁) on the snapshot's as-of date. Member records describe
 * the household as of the export, not as of an income year, so the age is read on that date too;
 * 16–65 is the working age of domain.md, split where the labour and pension rules change.
 */
export interface AgeGroup {
  readonly label: string;
  /** Inclusive lower bound in full years. */
  readonly from: number;
  /** Inclusive upper bound, or null for the open top group. */
  readonly to: number | null;
}

export const AGE_GROUPS: readonly AgeGroup[] = [
  { label: '0–15岁', from: 0, to: 15 },
  { label: '16–30岁', from: 16, to: 30 },
  { label: '31–45岁', from: 31, to: 45 },
  { label: '46–60岁', from: 46, to: 60 },
  { label: '61–65岁', from: 61, to: 65 },
  { label: '66岁及以上', from: 66, to: null },
];

export const AGE_GROUP_LABELS: readonly string[] = AGE_GROUPS.map((g) => g.label);

const DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?/;

/** (year, month, day) of a text that starts YYYY-MM-DD, or YYYY-MM (the first of the month); null otherwise. */
export function dateParts(text: string): [number, number, number] | null {
  const m = DATE.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? '1')] : null;
}

/**
 * Full years between a birth date and the as-of date (both YYYY-MM-DD, or YYYY-MM: the day then
 * counts as the first of the month). Null when either date is missing or unreadable, or the birth
 * is after the as-of date.
 */
export function ageOn(birthDate: string | null, asOf: string): number | null {
  if (birthDate === null) return null;
  const b = dateParts(birthDate);
  const a = dateParts(asOf);
  if (!b || !a) return null;
  const [by, bm, bd] = b;
  const [ay, am, ad] = a;
  let age = ay - by;
  if (am < bm || (am === bm && ad < bd)) age--;
  return age >= 0 ? age : null;
}

/** The index in AGE_GROUPS of an age, or null for an unknown age. */
export function ageGroupIndex(age: number | null): number | null {
  if (age === null) return null;
  const i = AGE_GROUPS.findIndex((g) => age >= g.from && (g.to === null || age <= g.to));
  return i >= 0 ? i : null;
}
