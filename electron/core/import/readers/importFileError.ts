/** A file the import cannot read at all: refused with its own code and Chinese message. */
export class ImportFileError extends Error {
  constructor(readonly code: string, message: string, readonly file: string | null) {
    super(message);
  }
}
