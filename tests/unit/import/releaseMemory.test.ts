import { describe, expect, it } from 'vitest';
import { releaseMemory } from '../../../electron/core/import/releaseMemory';

describe('releaseMemory', () => {
  it('collects what nothing refers to any more, without --expose-gc', async () => {
    let ref: WeakRef<object> | null = null;
    (() => {
      ref = new WeakRef({ rows: new Array<number>(100_000).fill(1) });
    })();
    // A WeakRef's target is kept until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    releaseMemory();
    expect((ref as WeakRef<object> | null)?.deref()).toBeUndefined();
  });
});
