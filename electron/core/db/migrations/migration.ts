import type { Db } from '../database';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** Work SQL alone cannot do (a function of the core), run after `sql` in the same transaction. */
  readonly run?: (db: Db) => void;
}
