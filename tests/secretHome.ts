import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: the tests' app-data folder (TUOPIN_DATA_DIR) is a temporary one, so the ID
 * hashing secrets of the thousands of databases the tests make (identity/secretStore.ts) never land
 * in the real profile. Every worker and every CLI or host the tests start inherits it.
 */
export default function setup(): () => void {
  if (process.env.TUOPIN_DATA_DIR) return () => undefined;
  const dir = mkdtempSync(join(tmpdir(), 'tuopin-test-home-'));
  process.env.TUOPIN_DATA_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
