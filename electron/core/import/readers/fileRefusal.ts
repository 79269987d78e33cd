import { Refusal, type RefusalPlace } from '../../refusal';

/**
 * A file the import cannot read at all: the core's refusal, carrying the issue's own code
 * (`file.empty`, `cell.tooLong` …) and where in the file it was found, for the import's error list.
 */
export function fileRefusal(
  issue: string,
  message: string,
  file: string | null,
  place: Omit<RefusalPlace, 'file'> = {},
): Refusal {
  return new Refusal('refused', message, { issue, file, ...place });
}
