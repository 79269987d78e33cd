import { z } from 'zod';
import { SnapshotId } from './snapshots';

const Count = z.object({ households: z.number().int(), persons: z.number().int() });

/**
 * Where two counts of one concept meet (#13): the top bar's 户信息 rows against the 建档立卡 register,
 * and Σ家庭人口数 (the analyses' 人数) against the member rows (the top bar's 人). Every part is
 * counted from the rows, so the parts add up to the totals exactly.
 */
export const Reconciliation = z.object({
  snapshotId: z.number().int(),
  /** Every household of 户信息 (the top bar's 户), Σ家庭人口数 as persons. */
  all: Count,
  /** 户类型 脱贫户: the 建档立卡 register (概览's 累计识别). */
  registered: Count,
  /** 户类型 普通农户: monitored households never registered. */
  ordinary: Count.extend({ monitored: z.number().int() }),
  /** Any other 户类型 an export may carry (zero in a clean file). */
  otherTypes: Count,
  /** Σ家庭人口数 against the rows of 家庭成员. */
  members: z.object({
    memberRows: z.number().int(),
    overHouseholds: z.number().int(),
    overPersons: z.number().int(),
    underHouseholds: z.number().int(),
    underPersons: z.number().int(),
  }),
});
export type Reconciliation = z.infer<typeof Reconciliation>;

export const reconcileApi = {
  'snapshots.reconcile': { request: SnapshotId, response: Reconciliation },
} as const;
