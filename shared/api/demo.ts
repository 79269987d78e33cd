import { z } from 'zod';
import { JobRef } from './jobs';
import { ImportCounts } from './imports';

/** The most households a demo county may have (about 7 million rows in all). */
export const MAX_DEMO_HOUSEHOLDS = 2_000_000;

/**
 * A deterministic demo county written as a snapshot (the same size and seed, the same rows), as a
 * job: its first export, or with `later` the same county's export a year on (for 跨期对比).
 */
export const DemoCreate = z.object({
  households: z.number().int().min(1).max(MAX_DEMO_HOUSEHOLDS),
  seed: z.number().int(),
  /** Unset: 青山县 with its own code; set, the same households under another county's code and name. */
  county: z.object({ code: z.string().regex(/^\d{6}$/, '县级区划代码须为 6 位数字'), name: z.string().min(1) }).optional(),
  later: z.boolean().default(false),
});

/** What a finished demo.create job holds in JobStatus.result. */
export const DemoCreated = z.object({ snapshotId: z.number().int(), counts: ImportCounts });
export type DemoCreated = z.infer<typeof DemoCreated>;

export const demoApi = {
  'demo.create': { request: DemoCreate, response: JobRef },
} as const;
