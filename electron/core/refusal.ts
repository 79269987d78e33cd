import type { ApiError, UserIssue } from '../../shared/api/common';

/**
 * What the contract calls a refusal: the request was wrong, named nothing that exists, was turned
 * down, or was cancelled. 'internal' is not here — an unforeseen failure is a plain Error.
 */
export type RefusalCode = Exclude<ApiError['code'], 'internal'>;

/** Where in the user's input the refusal was found, when it is known. */
export interface RefusalPlace {
  readonly file?: string | null;
  readonly sheet?: string | null;
  readonly row?: number | null;
  readonly column?: string | null;
}

export interface RefusalOptions extends RefusalPlace {
  /** The finer reason a located issue carries (`cell.tooLong`, `zip.sizeMismatch` …). */
  readonly issue?: string;
  /** Located issues shown under the message (a report template's problems, a file's errors). */
  readonly details?: readonly UserIssue[];
}

/**
 * The one refusal of the core: something the user must correct, said in Chinese. Every layer throws
 * it; dispatch() turns it into the contract's error value (`refusalError`), the CLI into exit code 2,
 * a job into its failed state with the message shown as is.
 */
export class Refusal extends Error {
  readonly where: RefusalPlace;
  readonly issue: string | null;
  readonly details: readonly UserIssue[] | undefined;

  constructor(readonly code: RefusalCode, message: string, options: RefusalOptions = {}) {
    super(message);
    const { issue = null, details, ...where } = options;
    this.where = where;
    this.issue = issue;
    this.details = details;
  }
}

export function isRefusal(err: unknown): err is Refusal {
  return err instanceof Refusal;
}

/** The refusal as the contract's error value: the one place this translation is written. */
export function refusalError(err: Refusal): ApiError {
  return { code: err.code, message: err.message, ...(err.details ? { details: [...err.details] } : {}) };
}

/** A job stopped because the user pressed 取消: thrown between chunks, the work rolls back. */
export function cancellation(): Refusal {
  return new Refusal('cancelled', '已取消');
}

export function isCancellation(err: unknown): boolean {
  return err instanceof Refusal && err.code === 'cancelled';
}

export function notFound(message: string): Refusal {
  return new Refusal('not_found', message);
}
