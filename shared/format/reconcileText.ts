import type { Reconciliation } from '../api/reconcile';
import { countText as n } from './countText';

/**
 * The reconciliation lines as the views, the pivot's 口径 and the CLI print them: one sentence each,
 * the figures from the core's snapshots.reconcile (shared/api/reconcile.ts), none computed here.
 */

/** "户信息 2,991 户 = 建档立卡 2,867 户 + 普通农户 124 户（未建档立卡的监测对象）" */
export function householdsLine(r: Reconciliation): string {
  const parts = [`建档立卡 ${n(r.registered.households)} 户`];
  if (r.ordinary.households > 0) {
    const who = r.ordinary.monitored === r.ordinary.households
      ? '未建档立卡的监测对象'
      : `未建档立卡，其中监测对象 ${n(r.ordinary.monitored)} 户`;
    parts.push(`普通农户 ${n(r.ordinary.households)} 户（${who}）`);
  }
  if (r.otherTypes.households > 0) parts.push(`其他户类型 ${n(r.otherTypes.households)} 户`);
  return `户信息 ${n(r.all.households)} 户 = ${parts.join(' + ')}`;
}

/** "家庭人口数之和 10,334 人 = 建档立卡 9,844 人 + 普通农户 490 人" */
export function personsByTypeLine(r: Reconciliation): string {
  const parts = [`建档立卡 ${n(r.registered.persons)} 人`];
  if (r.ordinary.households > 0) parts.push(`普通农户 ${n(r.ordinary.persons)} 人`);
  if (r.otherTypes.households > 0) parts.push(`其他户类型 ${n(r.otherTypes.persons)} 人`);
  return `家庭人口数之和 ${n(r.all.persons)} 人 = ${parts.join(' + ')}`;
}

/**
 * "人数 10,334 人（户信息 家庭人口数之和）= 成员表 10,333 人 + 1 人（9 户的家庭人口数与成员行数不符：
 * 5 户共多 5 人，4 户共少 4 人）"
 */
export function membersLine(r: Reconciliation): string {
  const m = r.members;
  const head = `人数 ${n(r.all.persons)} 人（户信息 家庭人口数之和）= 成员表 ${n(m.memberRows)} 人`;
  const mismatched = m.overHouseholds + m.underHouseholds;
  if (mismatched === 0) return `${head}（每户的家庭人口数与成员行数相符）`;
  const net = m.overPersons - m.underPersons;
  const detail = [
    m.overHouseholds > 0 ? `${n(m.overHouseholds)} 户共多 ${n(m.overPersons)} 人` : null,
    m.underHouseholds > 0 ? `${n(m.underHouseholds)} 户共少 ${n(m.underPersons)} 人` : null,
  ].filter((s): s is string => s !== null).join('，');
  const sign = net < 0 ? '−' : '+';
  return `${head} ${sign} ${n(Math.abs(net))} 人（${n(mismatched)} 户的家庭人口数与成员行数不符：${detail}）`;
}
