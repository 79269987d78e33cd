import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The package folder, found by walking up from this file: the same code runs from the TypeScript
 * sources (tests), from dist/ (npm start, the CLI) and from inside the packaged app's asar.
 */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`找不到程序目录（从 ${from} 向上查找 package.json）`);
    dir = parent;
  }
}

/** The built renderer (vite build output) that both hosts serve. */
export function rendererDir(): string {
  return join(packageRoot(), 'dist', 'renderer');
}
