import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreparationOfNewest } from '../../electron/core/service/derivedJob';
import { type RunningApp, startApp } from './harness';

/**
 * The top bar says while the host prepares a snapshot's analysis data after an import, and stops
 * saying it when the preparation ends. The preparation waits while an import job writes, which
 * holds it visibly in progress for as long as the test's stand-in import runs.
 */
describe('the analysis-data preparation in the top bar', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ demo: true });
  });
  afterAll(async () => app?.close());

  it('shows the preparation with its stage and share done, then goes away', async () => {
    const { page } = app;
    const status = page.getByTestId('preparation-status');
    expect(await status.count()).toBe(0);

    let release: () => void = () => undefined;
    const importJob = app.host.context.jobs.start('import', () => new Promise<void>((resolve) => { release = resolve; }));
    const prepareJob = startPreparationOfNewest(app.host.context);
    expect(prepareJob).not.toBeNull();

    await status.waitFor({ timeout: 20_000 });
    expect(await status.innerText()).toContain('准备分析数据');
    console.log(`  ${await app.screenshot('shell-preparation')}`);

    release();
    await status.waitFor({ state: 'detached', timeout: 120_000 });
    expect(app.host.context.jobs.status(prepareJob!)?.state).toBe('done');
    expect(app.host.context.jobs.status(importJob)?.state).toBe('done');
    expect(app.pageErrors).toEqual([]);
  });
});
