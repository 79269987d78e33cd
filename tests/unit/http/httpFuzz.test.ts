import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../../shared/api/contract';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { importSnapshot } from '../../../electron/core/import/importSnapshot';
import { type HttpHost, startHttpHost } from '../../../electron/http/httpHost';

/**
 * The HTTP fuzz of issue 17 in a bounded form: a few hundred seeded payloads over every contract
 * method, each answered with a JSON result (never a 500, never the runtime's English), the host
 * still answering afterwards, and no file written outside its work folder.
 */
const METHODS = Object.keys(API).sort();
const SEED = 17;
const RUNS_PER_METHOD = 6;

/** Payloads that look like the contract's (ids, paths, specs) as well as anything at all. */
const payload = fc.oneof(
  fc.jsonValue(),
  fc.record({
    path: fc.constantFrom('/proc/self/environ', '../../../../etc/passwd', 'C:\\Windows\\win.ini', '/dev/zero'),
    source: fc.string(), id: fc.oneof(fc.integer(), fc.string()),
    snapshotId: fc.oneof(fc.integer(), fc.double(), fc.string()),
    jobId: fc.string(), spec: fc.jsonValue(), kind: fc.string(),
  }, { requiredKeys: [] }),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 })),
);

describe('HTTP fuzz over every method (bounded)', () => {
  let dir: string;
  let db: Db;
  let host: HttpHost;
  const sentinel = () => join(dir, 'sentinel.txt');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tuopin-fuzz-'));
    db = openDatabase(join(dir, 'fuzz.sqlite'));
    await importSnapshot(db, join(__dirname, '..', '..', 'fixtures', 'tiny-county.xlsx'));
    writeFileSync(sentinel(), 'untouched');
    mkdirSync(join(dir, 'work'));
    host = await startHttpHost({ db, databasePath: join(dir, 'fuzz.sqlite'), rendererDir: dir, workDir: join(dir, 'work') });
  }, 120_000);

  afterAll(async () => {
    await host.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`answers ${METHODS.length} methods × ${RUNS_PER_METHOD} payloads with JSON, in Chinese, and stays up`, async () => {
    const started = Date.now();
    const seen = new Map<number, number>();
    for (const method of METHODS) {
      await fc.assert(fc.asyncProperty(payload, async (body) => {
        const res = await fetch(`${host.origin}/api/${encodeURIComponent(method)}`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-tuopin-token': host.token }, body: JSON.stringify(body),
        });
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        const text = await res.text();
        const answer = JSON.parse(text) as { ok: boolean; error?: { code: string; message: string } };
        expect(res.status, `${method} ${JSON.stringify(body).slice(0, 200)}`).toBe(200);
        if (!answer.ok) {
          expect(answer.error?.code, `${method}: ${answer.error?.message ?? ''}`).not.toBe('internal');
          expect(answer.error?.message ?? '').toMatch(/[\u4e00-\u9fff]/);
        }
      }), { seed: SEED, numRuns: RUNS_PER_METHOD, endOnFailure: true });
      // Jobs the payloads started (an import, a preparation) are let finish before the next method.
      for (const job of host.context.jobs.active()) await host.context.jobs.wait(job.jobId);
    }
    expect(await (await fetch(`${host.origin}/api/app.info`, {
      method: 'POST', headers: { 'x-tuopin-token': host.token }, body: '{}',
    })).json()).toMatchObject({ ok: true });
    expect(readFileSync(sentinel(), 'utf8')).toBe('untouched');
    expect(readdirSync(dir).sort()).toEqual(['fuzz.sqlite', 'fuzz.sqlite-shm', 'fuzz.sqlite-wal', 'sentinel.txt', 'work'].sort());
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);
});
