/** Where inside the file a refusal was found, when it is known. */
export interface FilePlace {
  readonly sheet?: string | null;
  readonly row?: number | null;
  readonly column?: string | null;
}

/** A file the import cannot read at all: refused with its own code and Chinese message. */
export class ImportFileError extends Error {
  constructor(readonly code: string, message: string, readonly file: string | null, readonly place: FilePlace = {}) {
    super(message);
  }
}
