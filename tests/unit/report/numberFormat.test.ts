import { describe, expect, it } from 'vitest';
import { growthText, percentText, personsText, yuanText } from '../../../electron/core/report/numberFormat';

describe('numbers as officials write them (report.md)', () => {
  it('writes persons from 10,000 on as 万人 with one decimal', () => {
    expect(personsText(9_999)).toBe('9999人');
    expect(personsText(10_000)).toBe('1.0万人');
    expect(personsText(123_456)).toBe('12.3万人');
    expect(personsText(7_230, '人次')).toBe('7230人次');
    expect(personsText(12_345, '人次')).toBe('1.2万人次');
  });
  it('writes 元 without decimals and percentages with one', () => {
    expect(yuanText(8622.5)).toBe('8623元');
    expect(percentText(0.34972677595628415)).toBe('35.0%');
  });
  it('writes growth as 增长 or 下降, never a negative growth', () => {
    expect(growthText(0.154)).toBe('增长15.4%');
    expect(growthText(-0.0125)).toBe('下降1.3%');
    expect(growthText(-0.0004)).toBe('增长0.0%');
  });
});
