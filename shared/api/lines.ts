import { z } from 'zod';
import { LineValue } from './metricScope';

/** The line sets (poverty line, monitoring threshold by year) and CPI series the metrics use. */

export const LineSetName = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, '标准名称只能包含字母、数字、下划线和连字符');

export const LineSetSummary = z.object({
  name: z.string(),
  label: z.string(),
  years: z.number().int(),
  /** Snapshots that use this set. */
  snapshotIds: z.array(z.number().int()),
});

export const LinesEdit = z.object({
  year: z.number().int().min(2000).max(2100),
  povertyLine: z.number().positive().nullable(),
  monitoringThreshold: z.number().positive().nullable(),
}).strict();
export type LinesEdit = z.infer<typeof LinesEdit>;

export const CpiPoint = z.object({
  year: z.number().int().min(2000).max(2100),
  /** Rural CPI, previous year = 100 (e.g. 102.1). */
  index: z.number().positive(),
}).strict();
export type CpiPoint = z.infer<typeof CpiPoint>;

export const linesApi = {
  'lines.sets': { request: z.object({}).strict(), response: z.array(LineSetSummary) },
  'lines.get': { request: z.object({ lineSet: LineSetName }).strict(), response: z.array(LineValue) },
  'lines.set': {
    request: z.object({ lineSet: LineSetName, lines: z.array(LinesEdit).min(1) }).strict(),
    response: z.array(LineValue),
  },
  'lines.deleteYear': {
    request: z.object({ lineSet: LineSetName, year: z.number().int() }).strict(),
    response: z.array(LineValue),
  },
  'lines.useSet': {
    request: z.object({ snapshotId: z.number().int().positive(), lineSet: LineSetName }).strict(),
    response: z.object({ snapshotId: z.number().int(), lineSet: z.string() }),
  },
  'cpi.get': { request: z.object({ series: z.string().min(1).optional() }).strict(), response: z.array(CpiPoint) },
  'cpi.set': {
    request: z.object({ series: z.string().min(1).optional(), points: z.array(CpiPoint) }).strict(),
    response: z.array(CpiPoint),
  },
} as const;
