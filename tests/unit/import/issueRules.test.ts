import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISSUE_RULE_LABELS, issueRuleLabel } from '../../../shared/domain/issueRules';

const IMPORT_DIR = resolve(__dirname, '../../../electron/core/import');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('import rule names', () => {
  it('gives every code the import can record a Chinese name', () => {
    // Every rule code is a quoted "subject.rule" literal in the import's sources.
    const codes = new Set<string>();
    for (const file of sources(IMPORT_DIR)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'([a-z]+\.[a-z][a-zA-Z]+)'/g)) {
        if (m[1] !== 'package.json') codes.add(m[1]!);
      }
    }
    expect(codes.size).toBeGreaterThan(60);
    const unnamed = [...codes].filter((c) => !(c in ISSUE_RULE_LABELS));
    expect(unnamed).toEqual([]);
    for (const label of Object.values(ISSUE_RULE_LABELS)) expect(label).toMatch(/^[^a-z]*[\u4e00-\u9fa5]/);
    expect(issueRuleLabel('id.checksum')).toBe('证件号码校验位不符');
    expect(issueRuleLabel('someday.newRule')).toBe('其他检查');
  });
});
