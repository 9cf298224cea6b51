import type { ReactNode } from 'react';

/** A titled section of a screen. */
export function Card({
  title,
  actions,
  children,
  className,
  id,
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  id?: string;
}) {
  return (
    <section
      className={`card ${className ?? ''}`}
      aria-labelledby={id === undefined ? undefined : `${id}-title`}
      id={id}
    >
      {(title !== undefined || actions !== undefined) && (
        <header className="card-header">
          {title !== undefined && <h2 id={id === undefined ? undefined : `${id}-title`}>{title}</h2>}
          {actions !== undefined && <div className="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}

/** A big number with a label, for summaries at the top of a screen. */
export function Stat({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="stat" data-testid={testId}>
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
      {hint !== undefined && <div className="stat-hint">{hint}</div>}
    </div>
  );
}
