import { describe, expect, it } from 'vitest';
import {
  formatAxisWan, formatCountWan, formatSignedYuan, formatYearSpan, officialCount, officialYuan, splitCountWan,
} from '../../../renderer/src/views/common/zhNumbers';

describe('Chinese number formats of the views', () => {
  it('writes counts exactly below 10万 and in 万 with two decimals from 10万 on', () => {
    expect(formatCountWan(9964)).toBe('9,964');
    expect(formatCountWan(99_999)).toBe('99,999');
    expect(formatCountWan(100_000)).toBe('10万');
    expect(formatCountWan(1_032_233)).toBe('103.22万');
    expect(formatCountWan(300_000)).toBe('30万');
    expect(formatCountWan(null)).toBe('—');
  });

  it('splits a card figure into value and unit, the 万 going with the unit', () => {
    expect(splitCountWan(2913, '户')).toEqual(['2,913', '户']);
    expect(splitCountWan(1_032_233, '人')).toEqual(['103.22', '万人']);
    expect(splitCountWan(undefined, '户')).toEqual(['—', '户']);
  });

  it('writes running text as official documents do: no separators, 万 for large figures', () => {
    expect(officialCount(9964)).toBe('9964');
    expect(officialCount(1_032_233)).toBe('103.22万');
    expect(officialCount(120_500)).toBe('12.05万');
    expect(officialYuan(2368.89)).toBe('2369元');
    expect(officialYuan(15_404_916)).toBe('1540.49万元');
  });

  it('labels axes in 万 from ten thousand on', () => {
    expect(formatAxisWan(8000)).toBe('8,000');
    expect(formatAxisWan(10_000)).toBe('1万');
    expect(formatAxisWan(15_000)).toBe('1.5万');
    expect(formatAxisWan(-500)).toBe('-500');
  });

  it('signs changes with a true minus and spans years with a dash', () => {
    expect(formatSignedYuan(1234.4)).toBe('+1,234');
    expect(formatSignedYuan(-56)).toBe('−56');
    expect(formatYearSpan(2014, 2023)).toBe('2014—2023年');
    expect(formatYearSpan(2020, 2020)).toBe('2020年');
    expect(formatYearSpan(null, null)).toBe('—');
  });
});
