import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeDemoSnapshot } from '../../electron/core/demo/writeDemoSnapshot';
import { databaseId } from '../../electron/core/identity/idSecret';
import { defaultSecretDir } from '../../electron/core/identity/secretStore';
import { type RunningApp, startApp } from './harness';

const DEMO = { households: 200, seed: 3 };

describe('数据管理: the ID hashing secret (issue 17)', () => {
  let app: RunningApp | null = null;
  afterEach(async () => {
    await app?.close();
    app = null;
  });

  it('says where the secret is kept, and what its loss would break and not break', async () => {
    app = await startApp({ prepare: async (db) => void (await writeDemoSnapshot(db, DEMO)) });
    await app.open('data');
    const panel = app.page.getByTestId('id-secret');
    await panel.waitFor();
    expect(await panel.getAttribute('data-state')).toBe('ok');
    const text = await panel.innerText();
    expect(text).toContain(defaultSecretDir());
    expect(text).toContain('跨期对比中改号户的匹配');
    expect(text).toContain('同一快照内的证件号查重');
    expect(await app.page.getByTestId('id-secret-renew').count()).toBe(0);
    await panel.scrollIntoViewIfNeeded();
    console.log(`  ${await app.screenshot('data-id-secret')}`);
  });

  it('a lost secret is said in red and replaced only after the user confirms', async () => {
    let keyFile = '';
    app = await startApp({
      prepare: async (db) => {
        await writeDemoSnapshot(db, DEMO);
        keyFile = join(defaultSecretDir(), `${databaseId(db)}.key`);
        rmSync(keyFile);
      },
    });
    await app.open('data');
    const panel = app.page.getByTestId('id-secret');
    await panel.waitFor();
    expect(await panel.getAttribute('data-state')).toBe('missing');
    expect(await app.page.getByRole('alert').innerText()).toContain('散列密钥找不到了');
    await panel.scrollIntoViewIfNeeded();
    console.log(`  ${await app.screenshot('data-id-secret-lost')}`);

    await app.page.getByTestId('id-secret-renew').click();
    const dialog = app.page.locator('.confirm-dialog');
    expect(await dialog.innerText()).toContain('新旧快照之间将无法按证件号对应');
    console.log(`  ${await app.screenshot('data-id-secret-confirm')}`);
    // 取消 makes nothing.
    await dialog.getByRole('button', { name: '取消' }).click();
    expect(existsSync(keyFile)).toBe(false);

    await app.page.getByTestId('id-secret-renew').click();
    await app.page.locator('.confirm-dialog').getByRole('button', { name: '确定生成' }).click();
    await app.page.locator('[data-testid="id-secret"][data-state="ok"]').waitFor();
    expect(existsSync(keyFile)).toBe(true);
  });
});
