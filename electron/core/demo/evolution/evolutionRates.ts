/**
 * How the demo county changes between its export of 2023-12-31 and the next one a year later, per
 * household of the first export (or per village): one table, so that the rates can be read and
 * tuned in one place. They follow what county evaluation offices report finding between two years'
 * exports: a few per cent of records touched, a few per thousand unexplained.
 */
export const EVOLUTION = {
  /** A household marked 自然减少 / 清退 that the next export no longer carries (accounted for). */
  dropRemoved: 0.6,
  /** Any other household that the next export no longer carries (去向不明). */
  dropUnexplained: 0.0015,
  /** A new 户编号 for the same household (same head): 改号. */
  renumber: 0.003,
  /** 返贫 in 2023 → exits in 2024. */
  reExit: 0.55,
  /** 已脱贫（享受政策）→ 已脱贫（不再享受政策）. */
  policyEnds: 0.04,
  /** An exited household falling back in 2024. */
  returns: 0.003,
  /** An exited household dying out in 2024 (特困供养 households more often). */
  dies: 0.006,
  diesTekun: 0.05,
  /** An exited household entering monitoring in 2024 (脱贫不稳定户). */
  monitored: 0.012,
  /** A monitored household whose risk is eliminated in 2024. */
  eliminated: 0.6,
  /** 低保贫困户 → 一般贫困户 (低保 withdrawn). */
  attributeChange: 0.015,
  /** 主要致贫原因 corrected. */
  causeChange: 0.004,
  /** A child born in 2024 (households with a member aged 20–40). */
  birth: 0.012,
  /** A member (not the head) who died or moved out in 2024. */
  memberGone: 0.01,
  /** A past income row rewritten (one amount) in the next export. */
  incomeEdit: 0.005,
  /** An exit year moved one year earlier in the next export. */
  exitMoved: 0.0015,
  /** A 收入未达线 exit whose income is "corrected" to just above the line (through 其他转移性收入). */
  shortfallCorrected: 0.5,
  /** New households per household of the first export: monitored 普通农户 entering in 2024 (explained). */
  newMonitored: 0.012,
  /** New households without any recorded reason (补录). */
  newUnexplained: 0.0015,
  /** Villages whose exits of one year are rewritten to one identical per-capita income (统一算账, S5). */
  identicalVillage: 0.1,
} as const;

/** The year the second export adds. */
export const LATER_YEAR = 2024;
export const LATER_AS_OF = '2024-12-31';
/** Bumped whenever the evolution changes what a seed produces (it keys the second snapshot's checksum). */
export const EVOLUTION_VERSION = 1;
