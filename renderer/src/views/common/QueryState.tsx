import type { ReactNode } from 'react';
import type { ApiQuery } from '../../api/useApiQuery';
import { ErrorNotice, Loading } from '../../components/Feedback';

/** A Chinese notice in place of a chart or table that has nothing to show. */
export function EmptyNotice({ children }: { readonly children: ReactNode }): ReactNode {
  return (
    <div className="empty-notice" data-testid="empty-notice">
      {children}
    </div>
  );
}

/**
 * The three states of a view's data in Chinese: loading, failed (with 重试), empty; otherwise
 * the content. While a changed selection reloads, the last figures stay, marked as updating.
 */
export function QueryState<T>({
  query,
  loadingText = '正在计算…',
  isEmpty,
  emptyText = '所选范围内没有数据。',
  children,
}: {
  readonly query: ApiQuery<T>;
  readonly loadingText?: string;
  readonly isEmpty?: (data: T) => boolean;
  readonly emptyText?: ReactNode;
  readonly children: (data: T) => ReactNode;
}): ReactNode {
  if (query.error) return <ErrorNotice error={query.error.error} onRetry={query.reload} />;
  if (query.data === undefined) return <Loading text={loadingText} />;
  if (isEmpty?.(query.data)) return <EmptyNotice>{emptyText}</EmptyNotice>;
  return (
    <div className={query.loading ? 'query-content updating' : 'query-content'} aria-busy={query.loading}>
      {query.loading ? <div className="updating-note" role="status">正在更新…</div> : null}
      {children(query.data)}
    </div>
  );
}
