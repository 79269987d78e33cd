import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { COMMANDS } from '../../../electron/cli/commands/registry';
import { MEASURES } from '../../../shared/semantic';
import { EXIT_COUNTY } from '../metrics/support/exitCounty';
import { tempCounty, type TempCounty } from '../metrics/support/countyFixture';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; } });
  return { code, out, err };
}

let county: TempCounty;
beforeAll(() => {
  county = tempCounty(EXIT_COUNTY);
});
afterAll(() => county.close());

describe('tuopin help', () => {
  it('shows --db as optional in every command, as the common options say', async () => {
    const top = await cli('--help');
    for (const c of COMMANDS) {
      expect(c.usage).toContain('[--db F]');
      expect(c.usage).not.toMatch(/(^|[^[])--db F/);
      const own = await cli(c.name, '--help');
      expect(own.code).toBe(0);
      expect(own.out).toContain('--db <文件>');
      expect(own.out).toContain('可省略');
    }
    expect(top.out).toContain('可省略');
  });

  it('pivot --help describes the spec with an example that runs', async () => {
    const help = await cli('pivot', '--help');
    expect(help.out).toContain('透视设置（SPEC.json）是一个 JSON 对象');
    for (const m of MEASURES) expect(help.out).toContain(`${m.key}（${m.label}）`);
    const lines = help.out.split('\n');
    const example = lines[lines.findIndex((l) => l.startsWith('示例')) + 1]?.trim() ?? '';
    const spec = JSON.parse(example) as { values: unknown[] };
    expect(spec.values.length).toBeGreaterThan(0);
    const file = join(mkdtempSync(join(tmpdir(), 'tuopin-help-')), 'spec.json');
    writeFileSync(file, example);
    const run = await cli('pivot', '--db', county.path, '--spec', file, '--json');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    type Answer = { fields: string[]; meta: { koujing: { filters: string; incomeYear: string } } };
    const result = JSON.parse(run.out) as Answer;
    expect(result.fields).toEqual(['township', 'exitYear', 'households', 'persons', 'perCapitaIncome']);
    expect(result.meta.koujing.filters).toBe('脱贫状态：已脱贫（享受政策）、已脱贫（不再享受政策）');
    expect(result.meta.koujing.incomeYear).toBe('收入年度取自分析设置：2020');
  });
});
