import type { ReactNode } from 'react';

/** A titled box: the unit a view is laid out in (a chart, a table, a set of figures). */
export function Panel({
  title,
  note,
  actions,
  children,
  className,
}: {
  readonly title?: ReactNode;
  /** The 口径 or source of what the panel shows, in small print under the title. */
  readonly note?: ReactNode;
  readonly actions?: ReactNode;
  readonly children: ReactNode;
  readonly className?: string;
}): ReactNode {
  return (
    <section className={`panel${className ? ` ${className}` : ''}`}>
      {title || actions ? (
        <header className="panel-header">
          <div>
            {title ? <h2 className="panel-title">{title}</h2> : null}
            {note ? <p className="panel-note">{note}</p> : null}
          </div>
          {actions ? <div className="panel-actions">{actions}</div> : null}
        </header>
      ) : null}
      <div className="panel-body">{children}</div>
    </section>
  );
}

/** A headline figure: label, value, unit and an optional comparison line. */
export function StatTile({
  label,
  value,
  unit,
  note,
}: {
  readonly label: ReactNode;
  readonly value: ReactNode;
  readonly unit?: ReactNode;
  readonly note?: ReactNode;
}): ReactNode {
  return (
    <div className="stat-tile">
      <div className="stat-label">{label}</div>
      <div className="stat-value">
        {value}
        {unit ? <span className="stat-unit">{unit}</span> : null}
      </div>
      {note ? <div className="stat-note">{note}</div> : null}
    </div>
  );
}

/** A page heading with room for the view's own controls (year, line set, export). */
export function ViewHeader({ title, children }: {
  readonly title: ReactNode; readonly children?: ReactNode;
}): ReactNode {
  return (
    <header className="view-header">
      <h1>{title}</h1>
      {children ? <div className="view-controls">{children}</div> : null}
    </header>
  );
}
