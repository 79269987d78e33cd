import type { RawRow } from '../cell';

/** Turns the data rows of one located sheet into parsed rows. */
export interface SheetHandler {
  row(row: RawRow): void;
  end(): void;
}
