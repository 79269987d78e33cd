import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

function packageRoot(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'tuopin-workstation') return dir;
      } catch {
        // not ours
      }
    }
    if (dirname(dir) === dir) return null;
  }
}

/**
 * A thread's compiled entry script: beside the calling module when it runs compiled (dist/, the app),
 * else in the checkout's dist/ (tests run the TypeScript sources, and `npm test` builds dist/ first).
 */
export function compiledScript(moduleDir: string, file: string): string | null {
  const beside = join(moduleDir, file);
  if (existsSync(beside)) return beside;
  const root = packageRoot(moduleDir);
  if (!root) return null;
  const built = join(root, 'dist', relative(root, moduleDir), file);
  return existsSync(built) ? built : null;
}
