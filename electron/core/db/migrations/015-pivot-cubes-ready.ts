import type { Migration } from './migration';

/**
 * The pivot tables are built in the background after an import, one committed step at a time
 * (electron/core/pivot/facts/factsBuild.ts): first the detail tables, which answer every pivot,
 * then the cubes. cubes_ready says whether the cubes are there yet; a build of an older version
 * was always whole.
 */
export const migration015: Migration = {
  version: 15,
  name: 'pivot-cubes-ready',
  sql: `ALTER TABLE pivot_build ADD COLUMN cubes_ready INTEGER NOT NULL DEFAULT 1;`,
};
