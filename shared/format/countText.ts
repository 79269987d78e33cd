/**
 * A count as the workstation writes it everywhere ("10,334": zh-CN thousands separators, no
 * decimals): the views (renderer/src/format/numbers.ts) and the sentences built in shared/ alike.
 */
const COUNT_FORMAT = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

export function countText(value: number): string {
  return COUNT_FORMAT.format(value);
}
