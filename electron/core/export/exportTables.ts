import type { ExportedSourceTable, SourceColumn } from '../db/queries/exportQueries';
import type { ParquetColumn } from './parquetTable';

/**
 * The tables of one exported partition, each a copy of a snapshot table with the partition's
 * county_code and as_of in front (so a file read on its own still says whose rows it holds).
 */
export const EXPORT_TABLES: readonly { readonly file: string; readonly source: ExportedSourceTable }[] = [
  { file: 'household', source: 'household' },
  { file: 'person', source: 'person' },
  { file: 'income', source: 'income' },
  { file: 'measure', source: 'measure' },
  { file: 'event', source: 'event' },
  { file: 'area', source: 'area' },
  { file: 'village_year', source: 'village_year' },
];

/** Names are written only when asked (--names): a file for circulation carries none. */
const NAME_COLUMNS: Readonly<Partial<Record<ExportedSourceTable, readonly string[]>>> = {
  household: ['head_name'],
  person: ['name'],
};

/** SQLite's declared type → the Parquet column type; BLOBs (ID hashes) travel as hex text. */
export function parquetType(declared: string): ParquetColumn['type'] {
  if (declared.includes('INT')) return 'INTEGER';
  if (declared === 'REAL' || declared.includes('FLOA') || declared.includes('DOUB')) return 'DOUBLE';
  return 'VARCHAR';
}

/** The columns of a source table that go into the export, names only when asked. */
export function exportedColumns(
  source: ExportedSourceTable, columns: readonly SourceColumn[], names: boolean,
): SourceColumn[] {
  const hidden = names ? [] : (NAME_COLUMNS[source] ?? []);
  return columns.filter((c) => !hidden.includes(c.name));
}
