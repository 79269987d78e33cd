import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';

/**
 * better-sqlite3 in node_modules is built for Node (the CLI and the tests use it). When
 * `npm start` runs Electron from a checkout it prepares a second build for Electron's ABI and
 * names it in TUOPIN_SQLITE_BINDING; this makes better-sqlite3 load that one instead, without
 * touching the Node build. The packaged app needs none of this: electron-builder rebuilds the
 * module for Electron when it packs.
 */
export function preferSqliteAddon(addonPath: string): void {
  const localRequire = createRequire(__filename);
  const sqliteDir = dirname(localRequire.resolve('better-sqlite3/package.json'));
  const bindingsPath = localRequire.resolve('bindings', { paths: [sqliteDir] });
  const stub = new Module(bindingsPath);
  stub.filename = bindingsPath;
  stub.loaded = true;
  // better-sqlite3 asks `bindings` for exactly this addon and nothing else.
  stub.exports = (name: unknown): unknown => {
    if (name !== 'better_sqlite3.node') throw new Error(`bindings: 只替换 better_sqlite3.node，收到 ${String(name)}`);
    return localRequire(addonPath);
  };
  localRequire.cache[bindingsPath] = stub;
}

/**
 * The addon TUOPIN_SQLITE_BINDING names, in a development run only: in the packaged app an
 * environment variable must not make the main process load a native library of someone's choosing.
 */
export function sqliteAddonOverride(isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): string | null {
  if (isPackaged) return null;
  return env.TUOPIN_SQLITE_BINDING || null;
}
