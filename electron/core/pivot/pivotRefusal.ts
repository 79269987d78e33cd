/** A pivot request the user must correct (unknown field, bad filter, unknown snapshot); Chinese message. */
export class PivotRefusal extends Error {
  constructor(readonly code: 'refused' | 'not_found' | 'invalid_request', message: string) {
    super(message);
  }
}
