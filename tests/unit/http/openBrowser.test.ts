import { readFileSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserCommand, redirectPage } from '../../../electron/http/openBrowser';

describe('--open (issue 17)', () => {
  it('hands the browser a private page that carries the token, so no command line does', () => {
    const url = 'http://127.0.0.1:8080/?token=SECRET-token_123';
    const page = redirectPage(url);
    try {
      expect(readFileSync(page, 'utf8')).toContain(`url=${url}`);
      if (process.platform !== 'win32') expect(statSync(page).mode & 0o777).toBe(0o600);
      const previous = process.env.DISPLAY;
      process.env.DISPLAY = ':0';
      try {
        const command = browserCommand(() => page);
        expect(command?.args.join(' ')).not.toContain('SECRET');
        expect(command?.args).toContain(page);
      } finally {
        if (previous === undefined) delete process.env.DISPLAY;
        else process.env.DISPLAY = previous;
      }
    } finally {
      rmSync(dirname(page), { recursive: true, force: true });
    }
  });
});
