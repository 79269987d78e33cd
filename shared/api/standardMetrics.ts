import { z } from 'zod';
import { FlowRow } from './flows';
import { Koujing } from './metricScope';
import { CountRate } from './returns';

/** The standard set of figures (spec/cli.md `metrics --json`): one call, every subject's headline. */

const CliShare = z.object({ households: z.number().int(), persons: z.number().int(), share: z.number() });

export const StandardMetrics = z.object({
  snapshot: z.object({ id: z.number().int(), county: z.string(), asOf: z.string() }),
  lineSet: z.object({ name: z.string(), label: z.string() }),
  /** L(Y) by year (the poverty line up to 2020, the monitoring threshold from 2021). */
  lines: z.record(z.string(), z.number()),
  koujing: Koujing,
  income: z.object({
    byYear: z.array(z.object({
      year: z.number().int(), households: z.number().int(), persons: z.number().int(),
      perCapita: z.number().nullable(), medianPerCapita: z.number().nullable(),
      wage: z.number().nullable(), netBusiness: z.number().nullable(), property: z.number().nullable(),
      transfer: z.number().nullable(), support: z.number().nullable(), otherTransfer: z.number().nullable(),
      yoy: z.number().nullable(),
    })),
    cagr: z.object({ from: z.number().int(), to: z.number().int(), value: z.number().nullable() }).nullable(),
    panelCagr: z.object({
      from: z.number().int(), to: z.number().int(), value: z.number().nullable(), households: z.number().int(),
    }).nullable(),
    koujing: Koujing,
  }),
  exits: z.object({
    byYear: z.array(z.object({ year: z.number().int(), households: z.number().int(), persons: z.number().int() })),
    attribution: z.object({
      income: z.record(z.string(), CliShare),
      structural: z.record(z.string(), CliShare),
      recorded: z.record(z.string(), CliShare),
    }),
    koujing: Koujing,
  }),
  returns: z.object({
    byYear: z.array(z.object({
      year: z.number().int(), households: z.number().int(), persons: z.number().int(), rate: z.number().nullable(),
      byCause: z.record(z.string(), CountRate),
    })),
    koujing: Koujing,
  }),
  monitoring: z.object({
    byCategory: z.record(z.string(), z.object({ households: z.number().int(), persons: z.number().int() })),
    byRisk: z.record(z.string(), z.object({ households: z.number().int() })),
    eliminated: z.object({ households: z.number().int(), rate: z.number().nullable() }),
    koujing: Koujing,
  }),
  flows: z.array(FlowRow.omit({ gap: true })),
  flowsKoujing: Koujing,
});
export type StandardMetrics = z.infer<typeof StandardMetrics>;

const SnapshotOnly = z.object({ snapshotId: z.number().int().positive().optional() }).strict();

export const standardMetricsApi = {
  'metrics.standard': { request: SnapshotOnly.extend({ lineSet: z.string().min(1).optional() }).strict(), response: StandardMetrics },
} as const;
