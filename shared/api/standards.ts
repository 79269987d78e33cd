import { z } from 'zod';

/**
 * 标准设置: the named sets of poverty lines and monitoring thresholds (national, provincial, custom),
 * each year with the document it comes from. The figures of a snapshot use the set it names; saving
 * the values of a set in use, or choosing another set, reruns the snapshot's analysis preparation.
 */

export const StandardYear = z.object({
  year: z.number().int().min(2000, '年度应在 2000—2100 之间').max(2100, '年度应在 2000—2100 之间'),
  /** 贫困线 (元/人·年); from 2021 usually empty, the monitoring threshold takes its place. */
  povertyLine: z.number().positive('贫困线应为正数（元/人·年）').nullable(),
  /** 防返贫监测范围 (元/人·年). */
  monitoringThreshold: z.number().positive('监测标准应为正数（元/人·年）').nullable(),
  /** Where the value comes from (a document, 国家统计局, a provincial notice…). */
  source: z.string().max(200, '来源说明不超过 200 字').nullable(),
}).strict();
export type StandardYear = z.infer<typeof StandardYear>;

export const StandardSet = z.object({
  name: z.string(),
  label: z.string(),
  /** The province or county whose standard this is (省定标准: 江苏省…). */
  region: z.string().nullable(),
  /** 国家标准, 省定标准 and 自定义 ship with the app and cannot be deleted. */
  builtin: z.boolean(),
  years: z.array(StandardYear),
  /** Snapshots whose figures use this set. */
  snapshotIds: z.array(z.number().int()),
});
export type StandardSet = z.infer<typeof StandardSet>;

export const StandardsOverview = z.object({
  sets: z.array(StandardSet),
  /** The snapshot asked about and the set its figures use (null without a snapshot). */
  snapshotId: z.number().int().nullable(),
  inUse: z.string().nullable(),
  /** Years the snapshot's figures compare against a line: its income years and exit years. */
  neededYears: z.array(z.number().int()),
  /** Per set, the needed years that have neither a poverty line nor a monitoring threshold. */
  missingYears: z.record(z.string(), z.array(z.number().int())),
});
export type StandardsOverview = z.infer<typeof StandardsOverview>;

/** A year whose line is lower than the year before: saved only when the user confirms it. */
export const LineDecrease = z.object({
  year: z.number().int(),
  previousYear: z.number().int(),
  line: z.number(),
  previousLine: z.number(),
});
export type LineDecrease = z.infer<typeof LineDecrease>;

const SetName = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, '标准名称只能包含字母、数字、下划线和连字符');
const Label = z.string().trim().min(1, '请填写标准的名称').max(40, '标准名称不超过 40 字');

export const SaveStandardRequest = z.object({
  name: SetName,
  label: Label.optional(),
  region: z.string().trim().max(40, '地区不超过 40 字').nullable().optional(),
  /** The set's years as they should be after saving (years left out are removed). */
  years: z.array(StandardYear).min(1, '至少填写一个年度'),
  /** Save although a year's line is lower than the year before's. */
  confirmDecrease: z.boolean().default(false),
}).strict();

export const SaveStandardResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('saved'),
    set: StandardSet,
    /** The preparation jobs started for the snapshots that use the set. */
    preparing: z.array(z.string()),
  }),
  z.object({
    status: z.literal('needsConfirmation'),
    /** Chinese: which years go down and by how much. */
    message: z.string(),
    decreases: z.array(LineDecrease),
  }),
]);
export type SaveStandardResult = z.infer<typeof SaveStandardResult>;

export const standardsApi = {
  'standards.list': {
    request: z.object({ snapshotId: z.number().int().positive().optional() }).strict(),
    response: StandardsOverview,
  },
  'standards.save': { request: SaveStandardRequest, response: SaveStandardResult },
  'standards.create': {
    request: z.object({
      label: Label, region: z.string().trim().max(40, '地区不超过 40 字').nullable().optional(), copyFrom: SetName,
    }).strict(),
    response: StandardSet,
  },
  'standards.delete': { request: z.object({ name: SetName }).strict(), response: z.object({ deleted: z.string() }) },
  'standards.use': {
    request: z.object({ snapshotId: z.number().int().positive(), name: SetName }).strict(),
    response: z.object({ snapshotId: z.number().int(), name: z.string(), preparing: z.string() }),
  },
} as const;
