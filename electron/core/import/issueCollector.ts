import type { UserIssue } from '../../../shared/api/common';
import { IMPORT_LIMITS, grouped } from './limits/importLimits';
import { maskIdNumbersIn } from '../identity/idNumber';

/** Where an issue was found; column is the header text as the user sees it. */
export interface IssueLocation {
  readonly file: string | null;
  readonly sheet: string | null;
  readonly row: number | null;
  readonly column: string | null;
}

export const NO_LOCATION: IssueLocation = { file: null, sheet: null, row: null, column: null };

/** How many issues of one code are listed one by one; the rest are counted. */
export const ISSUES_LISTED_PER_CODE = 200;

/**
 * Collects errors and warnings. A county export with a systematic problem (a whole column of bad
 * values) would otherwise produce a million identical lines: each code keeps its first
 * ISSUES_LISTED_PER_CODE issues and counts the rest, and the summary says how many there were.
 */
export class IssueCollector {
  private readonly listed: UserIssue[] = [];
  private readonly perCode = new Map<string, { severity: UserIssue['severity']; count: number; sample: string }>();
  private errorTotal = 0;
  private warningTotal = 0;
  /** Errors in `listed`. */
  private errorsListed = 0;

  /** `errorsListed`: errors listed one by one in all; a file of hostile rows must not fill the memory with them. */
  constructor(private readonly errorsToList: number = IMPORT_LIMITS.errorsListed) {}

  error(
    code: string, message: string, at: IssueLocation, value: string | null = null, expected: string | null = null,
  ): void {
    this.add({ severity: 'error', code, message, ...at, value, expected });
  }

  warning(
    code: string, message: string, at: IssueLocation, value: string | null = null, expected: string | null = null,
  ): void {
    this.add({ severity: 'warning', code, message, ...at, value, expected });
  }

  add(issue: UserIssue): void {
    if (issue.severity === 'error') this.errorTotal++;
    else this.warningTotal++;
    const key = `${issue.severity}:${issue.code}`;
    const entry = this.perCode.get(key);
    if (entry) {
      entry.count++;
      if (entry.count > ISSUES_LISTED_PER_CODE) return;
    } else {
      this.perCode.set(key, { severity: issue.severity, count: 1, sample: maskIdNumbersIn(issue.message) });
    }
    if (issue.severity === 'error') {
      if (this.errorsListed >= this.errorsToList) return;
      this.errorsListed++;
    }
    // An issue about a 证件号码 cell names the cell's value: it is stored, listed and printed, so
    // no ID number may stay in it in clear (issue 17).
    const value = issue.value === null ? null : maskIdNumbersIn(issue.value);
    this.listed.push({ ...issue, message: maskIdNumbersIn(issue.message), value });
  }

  get errorCount(): number {
    return this.errorTotal;
  }

  get warningCount(): number {
    return this.warningTotal;
  }

  hasErrors(): boolean {
    return this.errorTotal > 0;
  }

  /** Listed issues of one severity, followed by one summary line per code that was cut short. */
  list(severity: UserIssue['severity']): UserIssue[] {
    const out = this.listed.filter((i) => i.severity === severity);
    for (const [key, entry] of this.perCode) {
      if (entry.severity !== severity || entry.count <= ISSUES_LISTED_PER_CODE) continue;
      const code = key.slice(key.indexOf(':') + 1);
      out.push({
        severity, code, file: null, sheet: null, row: null, column: null, value: String(entry.count), expected: null,
        // The code stays out of the message (English in a Chinese sentence); the first one says what it is.
        message: `同类问题共 ${grouped(entry.count)} 条，只列出前 ${ISSUES_LISTED_PER_CODE} 条；第一条：${entry.sample}`,
      });
    }
    // Whatever was cut, per code or in all, is said once more in one line at the end.
    const unlisted = this.errorTotal - this.errorsListed;
    if (severity === 'error' && unlisted > 0) {
      out.push({
        severity, code: 'issues.truncated', file: null, sheet: null, row: null, column: null,
        value: String(unlisted), expected: null,
        message: `……及其余 ${grouped(unlisted)} 条错误未逐条列出（共 ${grouped(this.errorTotal)} 条）。`,
      });
    }
    return out;
  }

  /** Count of every code, including those not listed one by one. */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, entry] of this.perCode) out[key.slice(key.indexOf(':') + 1)] = entry.count;
    return out;
  }
}
