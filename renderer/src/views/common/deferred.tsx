import { useCallback, useState, type ReactNode } from 'react';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';

/**
 * Households from which a snapshot counts as a large county: its secondary figures (by township,
 * the balanced panel) take the host several seconds each, and the host answers one call at a time,
 * so they are computed when asked for instead of holding up the next view.
 */
export const LARGE_COUNTY_HOUSEHOLDS = 50_000;

export function isLargeCounty(snapshot: SnapshotSummary): boolean {
  return snapshot.households >= LARGE_COUNTY_HOUSEHOLDS;
}

/**
 * Whether a secondary request may go out: at once on a small county (after the view's main figures,
 * which `ready` says have arrived), on request on a large one.
 */
export function useSecondary(snapshot: SnapshotSummary, ready: boolean): { readonly enabled: boolean; start(): void } {
  const [asked, setAsked] = useState(false);
  const start = useCallback(() => setAsked(true), []);
  return { enabled: ready && (asked || !isLargeCounty(snapshot)), start };
}

/** What a panel shows on a large county until its figures are asked for. */
export function DeferredNotice({ what, onStart }: { readonly what: string; readonly onStart: () => void }): ReactNode {
  return (
    <div className="deferred-notice" data-testid="deferred-notice">
      <p>本县数据量大，{what}需要单独计算，可能需要十几秒，计算期间其他页面需等待。</p>
      <button type="button" className="button primary small" onClick={onStart}>
        开始计算
      </button>
    </div>
  );
}
