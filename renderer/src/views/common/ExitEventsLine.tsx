import type { ReactNode } from 'react';
import { formatCount } from '../../format/numbers';

/**
 * 户 and 户次 of the exits joined in one line: a household that returned and exited again is one
 * 户 and two 户次, so 户次 = 户 + 再次脱贫. Both figures are metrics.exits' totals.
 */
export function ExitEventsLine({ totals, testId }: {
  readonly totals: { readonly events: number; readonly households: number };
  readonly testId: string;
}): ReactNode {
  return (
    <span className="headline-reconcile" data-testid={testId}>
      {formatCount(totals.events)} 户次 = {formatCount(totals.households)} 户 +{' '}
      {formatCount(totals.events - totals.households)} 次再次脱贫
    </span>
  );
}
