import type { ReactNode } from 'react';
import type { ApiError, UserIssue } from '../../../shared/api/common';

export function Loading({ text = '正在加载…' }: { readonly text?: string }): ReactNode {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {text}
    </div>
  );
}

function issueLocation(issue: UserIssue): string {
  return [issue.file, issue.sheet, issue.row !== null ? `第 ${issue.row} 行` : null, issue.column ? `“${issue.column}”列` : null]
    .filter((part): part is string => Boolean(part))
    .join(' · ');
}

/** A failed call, in the user's words: the message and, when the data is at fault, where. */
export function ErrorNotice({ error, onRetry }: {
  readonly error: ApiError | { readonly error: ApiError }; readonly onRetry?: () => void;
}): ReactNode {
  const e = 'error' in error ? error.error : error;
  return (
    <div className="error-notice" role="alert">
      <strong>出错了</strong>
      <p>{e.message}</p>
      {e.details && e.details.length > 0 ? <IssueList issues={e.details} limit={20} /> : null}
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          重试
        </button>
      ) : null}
    </div>
  );
}

/** Located errors and warnings (an import's, a check's). */
export function IssueList({ issues, limit = 200 }: {
  readonly issues: readonly UserIssue[]; readonly limit?: number;
}): ReactNode {
  const shown = issues.slice(0, limit);
  return (
    <div className="issue-list">
      <ul>
        {shown.map((issue, index) => (
          <li key={index} className={issue.severity}>
            <span className="issue-severity">{issue.severity === 'error' ? '错误' : '警告'}</span>
            <span className="issue-message">{issue.message}</span>
            {issueLocation(issue) ? <span className="issue-location">{issueLocation(issue)}</span> : null}
            {issue.value !== null ? <span className="issue-value">值：{issue.value}</span> : null}
            {issue.expected !== null ? <span className="issue-expected">应为：{issue.expected}</span> : null}
          </li>
        ))}
      </ul>
      {issues.length > shown.length ? <p className="issue-more">另有 {issues.length - shown.length} 条未显示。</p> : null}
    </div>
  );
}
