import type { Db } from '../db/database';
import { selectThresholdsJson, storeThresholdsJson } from '../db/queries/evaluationSettingQueries';
import { DEFAULT_SIGNAL_THRESHOLDS, SignalThresholds } from '../../../shared/api/evaluation';

/** The thresholds of the signals (evaluation.md §2): the stored setting, else the spec's defaults. */
export function getThresholds(db: Db): SignalThresholds {
  const json = selectThresholdsJson(db);
  if (json === null) return { ...DEFAULT_SIGNAL_THRESHOLDS };
  const parsed = SignalThresholds.safeParse(JSON.parse(json));
  // A value written by another version that no longer validates falls back to the defaults.
  return parsed.success ? parsed.data : { ...DEFAULT_SIGNAL_THRESHOLDS };
}

export function setThresholds(db: Db, thresholds: SignalThresholds): SignalThresholds {
  storeThresholdsJson(db, JSON.stringify(thresholds));
  return getThresholds(db);
}

/** The thresholds in words, for the 口径 of every signal figure. */
export function thresholdsText(t: SignalThresholds): string {
  const below = Number((2 - t.nearLine).toFixed(6));
  return `阈值：S1 刚过线 L ≤ p < ${t.nearLine}L；S2 靠转移过线（纯收入 − 转移性收入）÷ 人口 < L；`
    + `S3 靠其他转移过线（纯收入 − 其他转移性收入）÷ 人口 < L；S4 脱贫年跳升 p(Y) ≥ ${t.jump} × p(Y−1) 且（有 Y+1 年记录时）`
    + `p(Y+1) < ${t.fallBack} × p(Y)；S5 雷同：同村同年 ${t.identical} 户次及以上脱贫的人均纯收入（四舍五入到元）相同。`
    + `聚集比 = [L, ${t.nearLine}L) 的户数 ÷ [${below}L, L) 的户数。`;
}
