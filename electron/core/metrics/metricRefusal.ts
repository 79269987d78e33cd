/** A metric request the user must correct (unknown snapshot, unknown line set …); message in Chinese. */
export class MetricRefusal extends Error {
  constructor(readonly code: 'not_found' | 'invalid_request', message: string) {
    super(message);
  }
}
