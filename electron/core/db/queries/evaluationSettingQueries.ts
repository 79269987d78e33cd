import type { Db } from '../database';

/** The evaluation settings live in app_setting (migration 001) under one key, as JSON. */
const KEY = 'evaluation.thresholds';

export function selectThresholdsJson(db: Db): string | null {
  const row = db.prepare(`SELECT value FROM app_setting WHERE key = ?`).get(KEY) as { value: string } | undefined;
  return row?.value ?? null;
}

export function storeThresholdsJson(db: Db, json: string): void {
  db.prepare(`INSERT INTO app_setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(KEY, json);
}
