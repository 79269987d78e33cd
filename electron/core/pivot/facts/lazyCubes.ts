import type { Db } from '../../db/database';
import type { Grain } from '../../../../shared/semantic/types';
import { aggregateCubes, type CubeDef } from './cubes';
import type { PivotFacts } from './pivotFacts';

/** The cube a pivot reads: one of the snapshot's own, or one made for this session. */
export interface CubeChoice {
  readonly table: 'pivot_cube' | 'temp.pivot_lazy_cube';
  readonly id: number;
  /** Rows in the years the pivot reads. */
  readonly rows: number;
  readonly lazy: boolean;
}

interface LazyCube {
  readonly def: CubeDef;
  /** Rows per income year built so far (0 for cubes without years). */
  readonly years: Map<number, number>;
  lastUsed: number;
}

/** Cubes kept per snapshot and connection; the least recently used goes first. */
const MAX_LAZY_CUBES = 16;
const FIRST_LAZY_ID = 1000;

const sessions = new WeakMap<Db, Map<number, { builtAt: string; cubes: LazyCube[]; nextId: number }>>();
let clock = 0;

/**
 * A cube for exactly the columns a pivot needs, when none of the snapshot's own covers them:
 * made from one pass over the detail rows (of the years read, for income), kept in a TEMP table of
 * the connection and reused by the next pivot over the same fields — changing filter values,
 * totals, shares, sorts or measures. This is the workbench's pivot cache: the first pivot over new
 * fields costs about one scan of the detail rows, the next ones read a few thousand rows. TEMP
 * tables live and die with the connection, so nothing of it is schema or survives a restart.
 */
export function lazyCubeFor(
  db: Db, facts: PivotFacts, grain: Grain, needed: ReadonlySet<string>, years: readonly number[] | null,
): CubeChoice {
  const snapshotId = facts.scope.snapshot.id;
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS pivot_lazy_cube AS SELECT * FROM main.pivot_cube WHERE 0;
    CREATE INDEX IF NOT EXISTS temp.pivot_lazy_cube_key ON pivot_lazy_cube(snapshot_id, cube, year);`);
  let perDb = sessions.get(db);
  if (!perDb) {
    perDb = new Map();
    sessions.set(db, perDb);
  }
  let session = perDb.get(snapshotId);
  if (!session || session.builtAt !== facts.state.builtAt) {
    db.prepare(`DELETE FROM temp.pivot_lazy_cube WHERE snapshot_id = ?`).run(snapshotId);
    session = { builtAt: facts.state.builtAt, cubes: [], nextId: FIRST_LAZY_ID };
    perDb.set(snapshotId, session);
  }
  const wanted = grain === 'income' ? (years ?? []) : [0];
  const covering = session.cubes
    .filter((c) => c.def.grain === grain && [...needed].every((col) => c.def.columns.includes(col)))
    .sort((a, b) => a.def.columns.length - b.def.columns.length);
  let cube = covering[0];
  if (!cube) {
    if (session.cubes.length >= MAX_LAZY_CUBES) {
      const oldest = session.cubes.reduce((a, b) => (a.lastUsed <= b.lastUsed ? a : b));
      db.prepare(`DELETE FROM temp.pivot_lazy_cube WHERE snapshot_id = ? AND cube = ?`).run(snapshotId, oldest.def.id);
      session.cubes = session.cubes.filter((c) => c !== oldest);
    }
    cube = { def: { id: session.nextId++, grain, columns: needed.size ? [...needed].sort() : ['county'] }, years: new Map(), lastUsed: 0 };
    session.cubes.push(cube);
  }
  for (const year of wanted) {
    if (cube.years.has(year)) continue;
    aggregateCubes(db, snapshotId, grain, [cube.def], { table: 'temp.pivot_lazy_cube', year: grain === 'income' ? year : null });
    const rows = db.prepare(`SELECT COUNT(*) FROM temp.pivot_lazy_cube WHERE snapshot_id = ? AND cube = ? AND year = ?`).pluck().get(snapshotId, cube.def.id, year) as number;
    cube.years.set(year, rows);
  }
  cube.lastUsed = ++clock;
  return { table: 'temp.pivot_lazy_cube', id: cube.def.id, rows: wanted.reduce((s, y) => s + (cube.years.get(y) ?? 0), 0), lazy: true };
}
