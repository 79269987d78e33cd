import { z } from 'zod';

/** An error or warning the user reads: Chinese, and located where the data was. */
export const UserIssue = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  file: z.string().nullable(),
  sheet: z.string().nullable(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  expected: z.string().nullable(),
});
export type UserIssue = z.infer<typeof UserIssue>;

export const Empty = z.object({}).strict();

/** What every call answers when it fails: a code and a message in Chinese. */
export const ApiError = z.object({
  code: z.enum(['invalid_request', 'not_found', 'refused', 'cancelled', 'internal']),
  message: z.string(),
  details: z.array(UserIssue).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };
