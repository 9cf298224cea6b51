import type { ReactNode } from 'react';
import { ApiError } from '../../lib/api-client';
import { t } from '../../i18n/i18n';

/** Shown while data loads; announced politely to screen readers. */
export function Loading({ label = t('Loading…') }: { label?: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

/** Shown when a request failed, with the server's own words and a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message =
    error instanceof ApiError
      ? error.status === 401
        ? t('Please sign in to see this.')
        : error.status === 403
          ? t('You may not see this: {reason}', { reason: error.message })
          : error.message
      : error instanceof Error
        ? error.message
        : t('Something went wrong.');
  return (
    <div className="state state-error" role="alert">
      <p>{message}</p>
      {onRetry !== undefined && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('Try again')}
        </button>
      )}
    </div>
  );
}

/** Shown when there is nothing to show yet, saying what would fill it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children !== undefined && <div className="state-hint">{children}</div>}
    </div>
  );
}

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/** Renders loading / error / data for one query, so every screen handles all three. */
export function QueryView<T>({
  query,
  label,
  children,
}: {
  query: QueryLike<T>;
  label?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading {...(label === undefined ? {} : { label })} />;
  if (query.error !== null && query.error !== undefined)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <Loading />;
  return <>{children(query.data)}</>;
}
