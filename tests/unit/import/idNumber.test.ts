import { describe, expect, it } from 'vitest';
import { createHmac, randomBytes } from 'node:crypto';
import { checkCharacter, hashIdNumber, idNumberFacts, parseIdNumber } from '../../../electron/core/identity/idNumber';

/** Deterministic pseudo-random digits (a test must not depend on Math.random). */
function digits(seed: number, n: number): string {
  let x = seed >>> 0;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
    out += String((x >>> 16) % 10);
  }
  return out;
}

describe('idNumberFacts', () => {
  it('gives parseIdNumber\'s kind, validity and sex for every kind of 证件号码', () => {
    const ids: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const area = `53${digits(i, 4)}`;
      const birth = i % 5 === 0 ? `${1880 + (i % 230)}${digits(i + 1, 4)}` : `19${String(40 + (i % 60))}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 31)).padStart(2, '0')}`;
      const first17 = `${area}${birth}${digits(i + 2, 3)}`;
      ids.push(`${first17}${checkCharacter(first17)}`, `${first17}${'0123456789X'[i % 11]}`, `${first17}x`);
    }
    const leap = '53299920000229001';
    const notLeap = '53299919000229001';
    ids.push(`${leap}${checkCharacter(leap)}`, `${notLeap}${checkCharacter(notLeap)}`);
    ids.push('530999800101123', '53299919730221267X01', '５３２９９９１９７３０２２１２６７Ｘ', ' 53299919730221267X', 'A32999197302212673',
      '53299919730221267', '5329991973022126731', '', '53299919731321267X', '532999197302212:7X');
    for (const id of ids) {
      const p = parseIdNumber(id);
      const f = idNumberFacts(id);
      expect({ kind: f.kind, valid: f.valid, sex: f.sex }, id).toEqual({ kind: p.kind, valid: p.valid, sex: p.sex });
    }
    expect(ids.filter((id) => idNumberFacts(id).valid === true).length).toBeGreaterThan(2000);
    expect(ids.filter((id) => idNumberFacts(id).valid === false).length).toBeGreaterThan(2000);
  });
});

describe('hashIdNumber', () => {
  it('gives the bytes of createHmac(sha256, secret) for every kind of key and secret', () => {
    const secrets = [
      randomBytes(32), randomBytes(32), Buffer.alloc(0), randomBytes(1), randomBytes(63), randomBytes(64),
      randomBytes(65), randomBytes(200),
    ];
    const keys = ['53299919730221267X', '530999800101123', '53299919730221267X0102', '', 'A', '证件号码１２３', '半个\ud800代理',
      '😀', 'x'.repeat(80), 'x'.repeat(81), '长'.repeat(80), '长'.repeat(81), '𠀀'.repeat(40)];
    for (const secret of secrets) {
      for (const raw of keys) {
        const parsed = parseIdNumber(raw);
        const key = parsed.kind === 'disability' ? parsed.normalized.slice(0, 18) : parsed.normalized;
        const expected = createHmac('sha256', secret).update(key).digest().subarray(0, 16);
        expect(hashIdNumber(secret, parsed).equals(expected), `${secret.length} ${raw}`).toBe(true);
      }
    }
    // A disability certificate links by its ID part.
    const secret = secrets[0] as Buffer;
    expect(hashIdNumber(secret, parseIdNumber('53299919730221267X0102'))).toEqual(hashIdNumber(secret, parseIdNumber('53299919730221267X')));
  });
});

describe('hashIdNumber digests', () => {
  it('are the bytes every earlier database stored (recorded from the JavaScript SHA-256 it replaced)', () => {
    // A person links across snapshots by this digest, so a database written before the change to
    // node:crypto must find the same persons after it.
    const secret = Buffer.from('0123456789abcdef0123456789abcdef', 'latin1');
    const recorded: Record<string, string> = {
      '53299919730221267X': 'cb364d8eba92d22063163d9044f89977',
      '530999800101123': 'a8787dda46a267bb6a71d99d38d4073e',
      '110101199003074478': 'a4bc98d77b6d33fc8cb9b94a067fb59e',
      '': '796cd3078af14636753d26b3b5555422',
    };
    for (const [id, hex] of Object.entries(recorded)) {
      expect(hashIdNumber(secret, parseIdNumber(id)).toString('hex'), id).toBe(hex);
    }
  });
});
