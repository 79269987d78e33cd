import type { ComponentType } from 'react';
import type { SnapshotSummary } from '../../../shared/api/snapshots';

export type IconName =
  | 'overview' | 'income' | 'returns' | 'exits' | 'monitoring' | 'flows' | 'pivot' | 'quality' | 'compare' | 'signals' | 'rollup' | 'data' | 'standards' | 'report';

interface ViewBase {
  /** The address of the view: `#/<key>`. Never change a key once released (bookmarks use it). */
  readonly key: string;
  /** The navigation label, Chinese. */
  readonly label: string;
  readonly icon?: IconName;
}

/**
 * A section of the left navigation. An analysis view needs a snapshot (the shell shows the
 * empty state until one exists) and receives it; a view without `component` shows 本功能建设中.
 */
export type ViewDefinition =
  | (ViewBase & { readonly needsSnapshot: true; readonly component?: ComponentType<{ snapshot: SnapshotSummary }> })
  | (ViewBase & {
    readonly needsSnapshot: false; readonly component?: ComponentType<{ snapshot: SnapshotSummary | null }>;
  });
