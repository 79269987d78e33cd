import { checkCharacter } from '../identity/idNumber';
import { hash32 } from './random';

const CHECK_CHARACTERS = '10X98765432';
/** Sequence numbers per (area, birth date, sex): 000–999 hold 500 of each sex. */
const PER_KEY = 500;
/** Coprime with PER_KEY, so k ↦ (k·STEP + offset) mod PER_KEY visits every slot once. */
const STEP = 7919;

/**
 * Issues GB 11643 numbers that are unique within the county: a random-looking but collision-free
 * sequence per birth date and sex, the check digit computed as the standard says. A date whose
 * 500 numbers are used up moves to the next day (never reached at county scale).
 */
export class IdRegistry {
  /** Numbers issued so far, per area code, indexed by (day since 1900-01-01) · 2 + sex. */
  private readonly used = new Map<string, Uint16Array>();

  issue(
    areaCode: string, birth: { year: number; month: number; day: number }, male: boolean,
  ): { id: string; birthDate: string } {
    let counts = this.used.get(areaCode);
    if (!counts) {
      counts = new Uint16Array(DAYS * 2);
      this.used.set(areaCode, counts);
    }
    let { year, month, day } = birth;
    for (;;) {
      const slotIndex = dayIndex(year, month, day) * 2 + (male ? 1 : 0);
      const k = counts[slotIndex] ?? PER_KEY;
      if (k < PER_KEY) {
        counts[slotIndex] = k + 1;
        const date = `${year}${pad2(month)}${pad2(day)}`;
        const slot = (k * STEP + hash32([Number(areaCode), year * 10000 + month * 100 + day])) % PER_KEY;
        const seq = String(slot * 2 + (male ? 1 : 0)).padStart(3, '0');
        const first17 = `${areaCode}${date}${seq}`;
        return { id: `${first17}${checkCharacter(first17)}`, birthDate: `${year}-${pad2(month)}-${pad2(day)}` };
      }
      ({ year, month, day } = nextDay(year, month, day));
    }
  }
}

/** Birth dates from 1900 to 2039. */
const DAYS = 140 * 366;
const EPOCH = Date.UTC(1900, 0, 1);

function dayIndex(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - EPOCH) / 86_400_000);
}

/** The same number with a wrong check character: a deliberate checksum finding. */
export function corruptCheckCharacter(id: string): string {
  const right = id[17] ?? '0';
  const i = CHECK_CHARACTERS.indexOf(right);
  return `${id.slice(0, 17)}${CHECK_CHARACTERS[(i + 1) % CHECK_CHARACTERS.length] ?? '0'}`;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function nextDay(year: number, month: number, day: number): { year: number; month: number; day: number } {
  if (day < daysInMonth(year, month)) return { year, month, day: day + 1 };
  if (month < 12) return { year, month: month + 1, day: 1 };
  return { year: year + 1, month: 1, day: 1 };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
