import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServing } from '../../../electron/http/serve';

describe('serve (the loopback host from the command line)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuopin-serve-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the --db file, serves it and prints the URL with its token', async () => {
    const serving = await startServing(['--db', join(dir, 'county.sqlite')]);
    try {
      expect(serving.databasePath).toBe(join(dir, 'county.sqlite'));
      expect(serving.banner).toContain(serving.host.url);
      expect(serving.banner).toMatch(/已在本机启动：http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      const res = await fetch(`${serving.host.origin}/api/app.info`, { method: 'POST', headers: { 'x-tuopin-token': serving.host.token }, body: '{}' });
      expect(await res.json()).toMatchObject({ ok: true, data: { databasePath: join(dir, 'county.sqlite') } });
    } finally {
      await serving.stop();
    }
  });

  it('refuses a port that is not a port', async () => {
    await expect(startServing(['--db', join(dir, 'x.sqlite'), '--port', 'eighty'])).rejects.toThrow('--port');
  });
});
