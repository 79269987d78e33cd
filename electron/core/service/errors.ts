import type { ApiError, UserIssue } from '../../../shared/api/common';

/** A refusal the handler means the user to read (exit code 2 in the CLI). */
export class ServiceError extends Error {
  constructor(readonly code: ApiError['code'], message: string, readonly details?: readonly UserIssue[]) {
    super(message);
  }
}

export function notFound(message: string): ServiceError {
  return new ServiceError('not_found', message);
}
