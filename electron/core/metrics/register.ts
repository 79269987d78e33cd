import { selectPoorVillages, selectRegisterByStatus } from '../db/queries/registerQueries';
import type { Koujing } from '../../../shared/api/metricScope';
import { POPULATIONS, makeKoujing } from './koujing';
import type { MetricScope } from './scope';

const EXITED = new Set(['已脱贫（享受政策）', '已脱贫（不再享受政策）']);

const NOTES = [
  '建档立卡户：户信息中户类型为“脱贫户”的户（含已脱贫、未脱贫、返贫、自然减少、清退）；人口为现家庭人口数。',
  '已脱贫：脱贫状态为“已脱贫（享受政策）”或“已脱贫（不再享受政策）”；脱贫率 = 已脱贫人口 ÷ 建档立卡人口。',
  '贫困村：行政村表中标为贫困村的村；已出列：填有出列年度的贫困村。',
];

export interface HouseholdsPersons {
  readonly households: number;
  readonly persons: number;
}

/** The register as it stands in the snapshot: the figures of 一、基本情况. */
export interface RegisterSummary {
  readonly koujing: Koujing;
  readonly registered: HouseholdsPersons;
  readonly exited: HouseholdsPersons;
  /** exited persons ÷ registered persons; null when the register is empty. */
  readonly exitRate: number | null;
  readonly notExited: HouseholdsPersons;
  readonly returned: HouseholdsPersons;
  /** By 脱贫状态, with each status's share of the registered persons. */
  readonly byStatus: readonly { status: string; households: number; persons: number; share: number | null }[];
  readonly poorVillages: number;
  readonly poorVillagesDelisted: number;
}

export function registerForScope(scope: MetricScope): RegisterSummary {
  const rows = selectRegisterByStatus(scope.db, scope.households);
  const sum = (pick: (status: string) => boolean): HouseholdsPersons => rows
    .filter((r) => pick(r.status ?? '未填写'))
    .reduce((a, r) => ({ households: a.households + r.households, persons: a.persons + r.persons }), {
      households: 0, persons: 0,
    });
  const registered = sum(() => true);
  const exited = sum((s) => EXITED.has(s));
  const villages = selectPoorVillages(scope.db, scope.snapshot.id, scope.yearTo);
  return {
    koujing: makeKoujing(scope, { years: [], population: POPULATIONS.register, notes: NOTES }),
    registered,
    exited,
    exitRate: registered.persons > 0 ? exited.persons / registered.persons : null,
    notExited: sum((s) => s === '未脱贫'),
    returned: sum((s) => s === '返贫'),
    byStatus: rows.map((r) => ({
      status: r.status ?? '未填写', households: r.households, persons: r.persons,
      share: registered.persons > 0 ? r.persons / registered.persons : null,
    })),
    poorVillages: villages.villages,
    poorVillagesDelisted: villages.delisted,
  };
}
