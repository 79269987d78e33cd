import type { EventRow } from '../db/snapshotRows';
import type { HouseholdStory } from './householdStory';

const ORDER: Readonly<Record<string, number>> = { 识别: 0, 脱贫: 1, 返贫: 2, 纳入监测: 3, 风险消除: 4, 自然减少: 5, 清退: 6 };

/**
 * The 状态变化 rows of one household, in year order: 识别, each 脱贫 (two when it exited again
 * after a 返贫), 返贫 with its cause, removal, and the monitoring entry and elimination with dates.
 */
export function generateEvents(story: HouseholdStory, householdCode: string): EventRow[] {
  const rows: EventRow[] = [];
  const add = (year: number, type: string, reason: string | null, date: string | null): void => {
    rows.push({ householdCode, year, type, reason, date, derived: false, sourceRow: null });
  };
  if (story.identifiedYear !== null) add(story.identifiedYear, '识别', null, null);
  for (const y of story.exits) add(y, '脱贫', null, null);
  if (story.returnYear !== null) add(story.returnYear, '返贫', story.returnCause, null);
  if (story.removal) add(story.removal.year, story.removal.type, story.removal.reason, null);
  const m = story.monitoring;
  if (m) {
    add(Number(m.date.slice(0, 4)), '纳入监测', m.risks[0] ?? null, m.date);
    if (m.eliminated && m.eliminationDate) add(Number(m.eliminationDate.slice(0, 4)), '风险消除', m.method, m.eliminationDate);
  }
  return rows.sort((a, b) => a.year - b.year || (ORDER[a.type] ?? 9) - (ORDER[b.type] ?? 9));
}
